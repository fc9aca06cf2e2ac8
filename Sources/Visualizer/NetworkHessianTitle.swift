import Rendering

/// The network Hessian panel's title: whose weights and which step the Hessian was taken at, and
/// whether that is still what is selected and on screen.
///
/// A Hessian is taken once (at load, then with `H`) and goes stale as the run moves on or another
/// optimizer is selected; the title says so instead of letting an old H pass for the current one.
enum NetworkHessianTitle {
    /// The longest of the forms that fits in `width` cells (the shortest when none does).
    static func title(takenBy label: String, racer: Int, atStep step: Int,
                      selected: Int, selectedLabel: String, currentStep: Int, width: Int) -> String {
        let otherRacer = racer != selected, otherStep = step != currentStep
        var stale: [String] = []
        switch (otherRacer, otherStep) {
        case (true, true): stale = ["selected: \(selectedLabel), step \(currentStep)", "now \(selectedLabel), \(currentStep)"]
        case (true, false): stale = ["selected: \(selectedLabel)", "now \(selectedLabel)"]
        case (false, true): stale = ["now step \(currentStep)", "now \(currentStep)"]
        case (false, false): break
        }
        let retakes = otherRacer || otherStep ? " · H retakes" : ""
        let forms: [String]
        if stale.isEmpty {
            forms = ["Hessian taken at \(label) · step \(step)", "Hessian at \(label) · step \(step)", "Hessian at \(label)·\(step)", "H at \(label)·\(step)"]
        } else {
            forms = [
                "Hessian taken at \(label) · step \(step) · \(stale[0])\(retakes)",
                "Hessian at \(label) · step \(step) · \(stale[0])\(retakes)",
                "Hessian at \(label) · step \(step) · \(stale[1])\(retakes)",
                "Hessian at \(label)·\(step) · \(stale[1])\(retakes)",
                "Hessian at \(label)·\(step) · \(stale[1])",
                "H at \(label)·\(step) · \(stale[1])",
            ]
        }
        return forms.first { TextMetrics.width($0) <= width } ?? forms[forms.count - 1]
    }
}
