namespace DiaBan.Analytics.Spatial;

/// <summary>
/// Global weight sums used by Moran's I and General G moments.
/// S0 = Σ_i Σ_j w_ij; S1 = ½ Σ_i Σ_j (w_ij + w_ji)²; S2 = Σ_i (Σ_j w_ij + Σ_j w_ji)² (Cliff &amp; Ord 1981).
/// </summary>
public sealed record WeightsConstants(int N, double S0, double S1, double S2)
{
    internal static WeightsConstants Of(SpatialWeights weights)
    {
        var n = weights.Count;
        var rowSums = new double[n];
        var columnSums = new double[n];
        double s0 = 0, twiceS1 = 0;
        for (var i = 0; i < n; i++)
        {
            var neighbours = weights.Neighbours(i);
            var w = weights.Weights(i);
            for (var k = 0; k < neighbours.Length; k++)
            {
                var j = neighbours[k];
                s0 += w[k];
                rowSums[i] += w[k];
                columnSums[j] += w[k];
                // each ordered pair (i,j) and (j,i) contributes (w_ij + w_ji)²; a one-way link is met only once, so count it twice
                var reverse = weights.Weight(j, i);
                twiceS1 += reverse != 0 || HasLink(weights, j, i) ? Square(w[k] + reverse) : 2 * w[k] * w[k];
            }
        }
        double s2 = 0;
        for (var i = 0; i < n; i++) s2 += Square(rowSums[i] + columnSums[i]);
        return new WeightsConstants(n, s0, twiceS1 / 2, s2);
    }

    private static bool HasLink(SpatialWeights weights, int from, int to) => weights.Neighbours(from).BinarySearch(to) >= 0;

    private static double Square(double v) => v * v;
}
