extension PartitionCommand {
    /// Up to `count` divisors of `dim` closest to `heads` (head counts that split the width into
    /// whole heads), in increasing order.
    static func headCounts(dividing dim: Int, near heads: Int, count: Int = 6) -> [Int] {
        var divisors: [Int] = []
        var d = 1
        while d * d <= dim {
            if dim % d == 0 {
                divisors.append(d)
                if d != dim / d { divisors.append(dim / d) }
            }
            d += 1
        }
        let nearest = divisors.sorted { abs($0 - heads) < abs($1 - heads) || (abs($0 - heads) == abs($1 - heads) && $0 < $1) }
        return Array(nearest.prefix(count)).sorted()
    }
}
