extension PartitionCommand {
    /// Up to `count` divisors of `dim` closest to `heads` (head counts that split it into whole
    /// pieces), in increasing order. The search walks outward from `heads` a bounded distance, so
    /// an absurd width from a config cannot make it run for long.
    static func headCounts(dividing dim: Int, near heads: Int, count: Int = 6, reach: Int = 100_000) -> [Int] {
        guard dim > 0 else { return [] }
        var found: [Int] = []
        var distance = 0
        while found.count < count, distance <= reach {
            for candidate in distance == 0 ? [heads] : [heads - distance, heads + distance]
            where candidate >= 1 && candidate <= dim && dim % candidate == 0 && found.count < count {
                found.append(candidate)
            }
            distance += 1
        }
        return found.sorted()
    }
}
