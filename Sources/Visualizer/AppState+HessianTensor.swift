import Rendering

extension AppState {
    /// The network's tensors in layout order (empty for problems that are not networks).
    var networkTensorNames: [String] {
        timeline.race.networkRace?.problem.layout.tensors.map(\.name) ?? []
    }

    /// Where the main panel draws the selected tensor's diagonal block, when it does (the
    /// Hessian is the main view, formed, and showing a tensor): what zoom and pan act on.
    var networkTensorGeometry: MatrixGeometry? {
        guard mainView == .hessian, !hessianPending, let index = hessianTensor,
              case .success(let hessian)? = networkHessian, index < hessian.tensors.count else { return nil }
        let inner = layout.main.inset(dx: 1, dy: 1)
        let rect = NetworkHessianPanel.tensorMatrixRect(in: inner)
        return NetworkHessianPanel.tensorHeatmap(index, of: hessian, state: self, isMain: true, in: rect).1
    }

    /// Steps the network Hessian view through the tensors (`t` forward, `T` back): the
    /// tensor-block matrix, then each tensor's diagonal block, then the matrix again.
    mutating func stepHessianTensor(by offset: Int) {
        let names = networkTensorNames
        guard !names.isEmpty else {
            notice = "t and T step through a network's tensors; this problem has none"
            return
        }
        // Positions 0..<count are tensors, position count is the tensor-block matrix.
        let positions = names.count + 1
        let current = hessianTensor ?? names.count
        let next = ((current + offset) % positions + positions) % positions
        hessianTensor = next == names.count ? nil : next
        matrixZoom = .fitted
        let labels = TensorLabels.labels(names)
        if let index = hessianTensor {
            notice = "Hessian view: tensor \(index + 1) of \(names.count), \(labels[index]) · t next · T previous"
        } else {
            notice = "Hessian view: the tensor-block matrix · t steps through the \(names.count) tensors"
        }
        if networkHessian == nil && !hessianPending { notice! += " · H forms the Hessian" }
    }
}

extension AppState {
    /// The network's tensors as the Hessian views label them, in layout order.
    public var hessianTensorLabels: [String] { TensorLabels.labels(networkTensorNames) }

    /// Shows the diagonal block of the tensor named `name` (its label, its full name or its
    /// 1-based position) in the network Hessian panel; returns whether there is such a tensor.
    @discardableResult
    public mutating func showHessianTensor(_ name: String) -> Bool {
        let names = networkTensorNames, labels = hessianTensorLabels
        if let position = Int(name), position >= 1, position <= names.count {
            hessianTensor = position - 1
        } else if let index = labels.firstIndex(of: name) ?? names.firstIndex(of: name) {
            hessianTensor = index
        } else {
            return false
        }
        matrixZoom = .fitted
        return true
    }
}
