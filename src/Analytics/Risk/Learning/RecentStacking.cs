namespace DiaBan.Analytics.Risk.Learning;

/// <summary>
/// Second-level (stacked) combination of the trees with the recent counts, fitted out of time on the calibration
/// slice (Wolpert 1992, "Stacked generalization"; Platt 1999 is the special case with only the tree score):
/// P = σ(w₀ + w₁·score + w₂·ln(1 + 4-quarter mean)), and the expected count μ = b·μ_trees + (1 − b)·(4-quarter mean)
/// with b the Poisson-deviance minimiser on a grid. The trees are coarse step functions on few rows; the stack lets
/// the forecast lean on the recent average there. (Last quarter's count as a third input made the demo backtest worse.)
/// </summary>
public sealed record RecentStacking(IReadOnlyList<double> Weights, double CountBlend)
{
    /// <summary>Ridge penalty on the non-intercept weights: keeps the fit finite when the slice is separable.</summary>
    public const double Ridge = 1e-2;

    /// <summary>Grid step of the count blend weight b ∈ [0, 1].</summary>
    public const double BlendStep = 0.05;

    public double Probability(double score, double mean4)
    {
        double z = Weights[0] + Weights[1] * score + Weights[2] * Math.Log(1 + mean4);
        return 1 / (1 + Math.Exp(-z));
    }

    public double ExpectedCount(double trees, double mean4) => CountBlend * trees + (1 - CountBlend) * mean4;

    /// <summary>Fits both parts on out-of-time rows (tree score and tree count of a probe that never saw them).</summary>
    public static RecentStacking Fit(IReadOnlyList<double> score, IReadOnlyList<double> mean4, IReadOnlyList<bool> label,
        IReadOnlyList<double> treeCount, IReadOnlyList<double> count)
    {
        var x = Enumerable.Range(0, score.Count).Select(i => new[] { 1, score[i], Math.Log(1 + mean4[i]) }).ToArray();
        return new RecentStacking(Logistic(x, label), Blend(treeCount, mean4, count));
    }

    // Ridge logistic regression by Newton–Raphson (IRLS); Hastie, Tibshirani & Friedman, ESL §4.4.1.
    private static double[] Logistic(double[][] x, IReadOnlyList<bool> y)
    {
        int k = x[0].Length;
        var w = new double[k];
        for (int iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[k];
            var hessian = new double[k, k];
            for (int i = 0; i < x.Length; i++)
            {
                double z = 0;
                for (int a = 0; a < k; a++) z += w[a] * x[i][a];
                double p = 1 / (1 + Math.Exp(-z)), v = Math.Max(p * (1 - p), 1e-12);
                for (int a = 0; a < k; a++)
                {
                    gradient[a] += ((y[i] ? 1 : 0) - p) * x[i][a];
                    for (int b = 0; b < k; b++) hessian[a, b] += v * x[i][a] * x[i][b];
                }
            }
            for (int a = 1; a < k; a++)
            {
                gradient[a] -= Ridge * w[a];
                hessian[a, a] += Ridge;
            }
            var step = Solve(hessian, gradient);
            double size = 0;
            for (int a = 0; a < k; a++)
            {
                w[a] += step[a];
                size = Math.Max(size, Math.Abs(step[a]));
            }
            if (size < 1e-9) break;
        }
        return w;
    }

    /// <summary>Blend weight b on the trees' count minimising the Poisson deviance of b·trees + (1 − b)·mean over the grid.</summary>
    public static double Blend(IReadOnlyList<double> trees, IReadOnlyList<double> mean4, IReadOnlyList<double> count)
    {
        double best = 1, bestDeviance = double.PositiveInfinity;
        for (int j = 0; j <= (int)Math.Round(1 / BlendStep); j++)
        {
            double b = j * BlendStep, deviance = 0;
            for (int i = 0; i < trees.Count; i++)
                deviance += PoissonDeviance(count[i], b * trees[i] + (1 - b) * mean4[i]);
            if (deviance < bestDeviance - 1e-12)
            {
                bestDeviance = deviance;
                best = b;
            }
        }
        return best;
    }

    // Unit Poisson deviance 2[y ln(y/μ) − (y − μ)]; μ is floored so an all-zero history cannot make it infinite.
    private static double PoissonDeviance(double y, double mu)
    {
        mu = Math.Max(mu, 1e-6);
        return 2 * ((y > 0 ? y * Math.Log(y / mu) : 0) - (y - mu));
    }

    // Gaussian elimination with partial pivoting on a small symmetric positive-definite system.
    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var r = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int i = c + 1; i < n; i++) if (Math.Abs(m[i, c]) > Math.Abs(m[pivot, c])) pivot = i;
            for (int j = 0; j < n; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            (r[c], r[pivot]) = (r[pivot], r[c]);
            if (Math.Abs(m[c, c]) < 1e-15) return new double[n];
            for (int i = c + 1; i < n; i++)
            {
                double f = m[i, c] / m[c, c];
                for (int j = c; j < n; j++) m[i, j] -= f * m[c, j];
                r[i] -= f * r[c];
            }
        }
        var s = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = r[i];
            for (int j = i + 1; j < n; j++) sum -= m[i, j] * s[j];
            s[i] = sum / m[i, i];
        }
        return s;
    }
}
