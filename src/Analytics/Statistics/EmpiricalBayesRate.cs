using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Statistics;

/// <summary>Assunção–Reis standardised rates and the global parameters behind them.</summary>
/// <param name="RawRates">p_i = e_i / b_i.</param>
/// <param name="Beta">β = Σe / Σb.</param>
/// <param name="Alpha">α = s² − β/(Σb/n) (may be negative).</param>
/// <param name="Variances">v_i = α + β/b_i, or β/b_i where that is negative.</param>
/// <param name="Standardised">z_i = (p_i − β)/√v_i.</param>
public sealed record EbStandardisedRates(IReadOnlyList<double> RawRates, double Beta, double Alpha, IReadOnlyList<double> Variances, IReadOnlyList<double> Standardised);

/// <summary>Empirical Bayes smoothed rates (shrunk towards a global or local mean).</summary>
public sealed record EbSmoothedRates(IReadOnlyList<double> RawRates, IReadOnlyList<double> Smoothed);

/// <summary>
/// Empirical Bayes rates for counts over populations (users per resident). Standardisation for Moran's I:
/// Assunção &amp; Reis (1999), ANALYTICS.md §1 — p_i = e_i/b_i, β = Σe/Σb, s² = Σ b_i(p_i − β)²/Σb, α = s² − β/(Σb/n),
/// v_i = α + β/b_i (β/b_i if negative), z_i = (p_i − β)/√v_i; EB Moran = Moran's I of z (spdep EBImoran.mc, esda Moran_Rate).
/// Smoothing: Marshall (1991) global (spdep EBest) and local (spdep EBlocal) method-of-moments estimators.
/// </summary>
public static class EmpiricalBayesRate
{
    public static EbStandardisedRates Standardise(IReadOnlyList<double> events, IReadOnlyList<double> population)
    {
        Check(events, population);
        var n = events.Count;
        var beta = events.Sum() / population.Sum();
        var meanPopulation = population.Sum() / n;
        var rates = events.Select((e, i) => e / population[i]).ToArray();
        var s2 = rates.Select((p, i) => population[i] * (p - beta) * (p - beta)).Sum() / population.Sum();
        var alpha = s2 - beta / meanPopulation;
        var variances = population.Select(b => alpha + beta / b < 0 ? beta / b : alpha + beta / b).ToArray();
        var z = rates.Select((p, i) => (p - beta) / Math.Sqrt(variances[i])).ToArray();
        return new EbStandardisedRates(rates, beta, alpha, variances, z);
    }

    /// <summary>Moran's I of the Assunção–Reis standardised rates.</summary>
    public static GlobalMoranResult Moran(IReadOnlyList<double> events, IReadOnlyList<double> population, SpatialWeights weights, GlobalMoranOptions? options = null) =>
        GlobalMoran.Compute(Standardise(events, population).Standardised, weights, options);

    /// <summary>Global EB (Marshall 1991; spdep EBest, Poisson): est_i = β + a(p_i − β)/(a + β/b_i), a = max(0, s² − β/(Σb/n)).</summary>
    public static EbSmoothedRates SmoothGlobal(IReadOnlyList<double> events, IReadOnlyList<double> population)
    {
        var standardised = Standardise(events, population);
        var a = Math.Max(0, standardised.Alpha);
        var beta = standardised.Beta;
        var smoothed = standardised.RawRates.Select((p, i) => beta + a * (p - beta) / (a + beta / population[i])).ToArray();
        return new EbSmoothedRates(standardised.RawRates, smoothed);
    }

    /// <summary>
    /// Local EB (Marshall 1991; spdep EBlocal): over each unit and its neighbours (self included), m_i = Σe/Σb,
    /// C_i = Σ b_j(p_j − m_i)², a_i = max(0, C_i/Σb − m_i/b̄_i) with b̄_i the mean population there;
    /// est_i = m_i + (p_i − m_i)·a_i/(a_i + m_i/b_i). Uses the weights' links only (binary).
    /// </summary>
    public static EbSmoothedRates SmoothLocal(IReadOnlyList<double> events, IReadOnlyList<double> population, SpatialWeights weights)
    {
        Check(events, population);
        if (weights.Count != events.Count) throw new ArgumentException("One weights row per unit is required.", nameof(weights));
        var rates = events.Select((e, i) => e / population[i]).ToArray();
        var smoothed = new double[rates.Length];
        for (var i = 0; i < rates.Length; i++)
        {
            var area = new List<int> { i };
            foreach (var j in weights.Neighbours(i))
            {
                if (j != i) area.Add(j);
            }
            var eventSum = area.Sum(j => events[j]);
            var populationSum = area.Sum(j => population[j]);
            var m = eventSum / populationSum;
            var c = area.Sum(j => population[j] * (rates[j] - m) * (rates[j] - m));
            var meanPopulation = populationSum / area.Count;
            var a = Math.Max(0, c / populationSum - m / meanPopulation);
            smoothed[i] = m + (rates[i] - m) * (a / (a + m / population[i]));
        }
        return new EbSmoothedRates(rates, smoothed);
    }

    private static void Check(IReadOnlyList<double> events, IReadOnlyList<double> population)
    {
        if (events.Count != population.Count) throw new ArgumentException("One population per event count is required.", nameof(population));
        if (events.Count < 2) throw new ArgumentException("At least two units are required.", nameof(events));
        for (var i = 0; i < events.Count; i++)
        {
            if (!(population[i] > 0) || !double.IsFinite(population[i])) throw new ArgumentException($"Unit {i}: population must be positive.", nameof(population));
            if (!(events[i] >= 0) || !double.IsFinite(events[i])) throw new ArgumentException($"Unit {i}: event count must be non-negative.", nameof(events));
        }
    }
}
