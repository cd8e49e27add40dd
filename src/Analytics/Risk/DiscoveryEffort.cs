namespace DiaBan.Analytics.Risk;

/// <summary>
/// How much patrol effort inflates recorded offences, estimated from the data. Reported offences R ~ Poisson(rλ) do
/// not depend on patrols; patrol finds P ~ Poisson(rλ · g(e)) with g(e) = c·(1 − exp(−γe)) (Koopman's random-search
/// detection law, 1956). Dividing recorded offences R + P by m(e) = 1 + g(e) gives a count on the reported scale
/// whatever the patrol effort e (patrol-days). c and γ are fitted separately for every quarter t from quarters ≤ t
/// only, by Poisson likelihood of P with rλ_u estimated by the unit's mean reported count (γ on a log grid, c closed form).
/// </summary>
public sealed class DiscoveryEffort
{
    private static readonly double[] GammaGrid = Enumerable.Range(0, 41).Select(j => Math.Pow(10, -3 + j * 0.1)).ToArray();

    private readonly double[] _c;
    private readonly double[] _gamma;

    private DiscoveryEffort(double[] c, double[] gamma)
    {
        _c = c;
        _gamma = gamma;
    }

    /// <summary>Fitted c for the data up to quarter position t.</summary>
    public double C(int t) => _c[t];

    /// <summary>Fitted γ (per patrol-day) for the data up to quarter position t.</summary>
    public double Gamma(int t) => _gamma[t];

    /// <summary>m(e) = 1 + c(1 − e^(−γe)) with the fit of quarter position t: recorded ÷ m = reported-scale count.</summary>
    public double Multiplier(int t, double patrolDays) => 1 + _c[t] * (1 - Math.Exp(-_gamma[t] * Math.Max(0, patrolDays)));

    /// <summary>Fits every quarter from [unit, quarter] reported offences, patrol-found offences and patrol-days.</summary>
    public static DiscoveryEffort Fit(double[,] reported, double[,] patrolFound, double[,] patrolDays)
    {
        int units = reported.GetLength(0), quarters = reported.GetLength(1), grid = GammaGrid.Length;
        var detect = new double[units, grid];      // Σ_s (1 − e^(−γ e_us)) over quarters with e > 0
        var logDetect = new double[units, grid];   // Σ_s P_us · ln(1 − e^(−γ e_us))
        var found = new double[units];             // Σ_s P_us over quarters with e > 0
        var reportedSum = new double[units];
        var c = new double[quarters];
        var gamma = new double[quarters];
        for (int t = 0; t < quarters; t++)
        {
            for (int u = 0; u < units; u++)
            {
                reportedSum[u] += reported[u, t];
                double e = patrolDays[u, t];
                if (e <= 0) continue;
                found[u] += patrolFound[u, t];
                for (int j = 0; j < grid; j++)
                {
                    double d = 1 - Math.Exp(-GammaGrid[j] * e);
                    detect[u, j] += d;
                    if (patrolFound[u, t] > 0) logDetect[u, j] += patrolFound[u, t] * Math.Log(d);
                }
            }
            (c[t], gamma[t]) = Best(t, units, grid, detect, logDetect, found, reportedSum);
        }
        return new DiscoveryEffort(c, gamma);
    }

    // Poisson log-likelihood of P_us with mean c·d_us·R̄_u, profiled over c (ĉ = ΣP / Σ d·R̄): up to constants,
    // ℓ(γ) = ΣP·ln ĉ(γ) + Σ P ln d(γ). Units that never had a reported offence carry no scale and are left out.
    private static (double C, double Gamma) Best(int t, int units, int grid, double[,] detect, double[,] logDetect,
        double[] found, double[] reportedSum)
    {
        double totalFound = 0;
        for (int u = 0; u < units; u++)
            if (reportedSum[u] > 0) totalFound += found[u];
        if (totalFound <= 0) return (0, GammaGrid[0]);
        double bestLikelihood = double.NegativeInfinity, bestC = 0, bestGamma = GammaGrid[0];
        for (int j = 0; j < grid; j++)
        {
            double expected = 0, logTerm = 0;
            for (int u = 0; u < units; u++)
            {
                if (reportedSum[u] <= 0) continue;
                expected += detect[u, j] * reportedSum[u] / (t + 1);
                logTerm += logDetect[u, j];
            }
            if (expected <= 0) continue;
            double cj = totalFound / expected;
            double likelihood = totalFound * Math.Log(cj) + logTerm;
            if (likelihood > bestLikelihood)
            {
                bestLikelihood = likelihood;
                bestC = cj;
                bestGamma = GammaGrid[j];
            }
        }
        return (bestC, bestGamma);
    }
}
