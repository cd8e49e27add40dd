namespace DiaBan.Demo.Simulation;

public static class RankCorrelation
{
    /// <summary>Spearman's ρ: Pearson correlation of mid-ranks (Spearman 1904), so ties are handled.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2) throw new ArgumentException("Need two equally long series of two or more values.");
        return Pearson(MidRanks(x), MidRanks(y));
    }

    public static double[] MidRanks(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var ranks = new double[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && values[order[j]] == values[order[i]]) j++;
            for (int k = i; k < j; k++) ranks[order[k]] = (i + 1 + j) / 2.0;
            i = j;
        }
        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }
}
