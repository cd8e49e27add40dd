namespace DiaBan.Analytics.Risk;

/// <summary>Hit rate, PAI and PEI* of one forecast at one share of the study area (docs ANALYTICS.md §8).</summary>
public readonly record struct AreaScore(double HitRate, double Pai, double PeiStar);

/// <summary>
/// Forecast accuracy measures. Area-based measures rank units by a score (descending) and flag them, accumulating
/// their area, until the flagged area is exactly the requested share of the total area A. The boundary unit, the
/// one whose area would overshoot, is flagged fractionally: a fraction f = (remaining area)/(its area) of it counts,
/// contributing f × its incidents (its incidents taken as spread evenly over its area). Units with equal scores are
/// one block and are flagged together the same way (so tie order cannot favour a method).
/// </summary>
public static class ForecastMetrics
{
    /// <summary>Shares of the study area at which hit rate, PAI and PEI* are reported.</summary>
    public static IReadOnlyList<double> AreaShares { get; } = [0.01, 0.02, 0.05, 0.1, 0.2];

    /// <summary>Area under the ROC curve by the Mann–Whitney statistic with mid-ranks for ties; null if one class is absent.</summary>
    public static double? Auc(IReadOnlyList<double> score, IReadOnlyList<bool> label)
    {
        int n = score.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => score[i]).ToArray();
        double positives = 0, rankSum = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1..j
            for (int k = i; k < j; k++)
                if (label[order[k]]) { positives++; rankSum += midRank; }
            i = j;
        }
        double negatives = n - positives;
        if (positives == 0 || negatives == 0) return null;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Brier score: mean squared difference between probability and outcome (Brier 1950); null when empty.</summary>
    public static double? Brier(IReadOnlyList<double> probability, IReadOnlyList<bool> label)
    {
        if (probability.Count == 0) return null;
        double sum = 0;
        for (int i = 0; i < probability.Count; i++)
        {
            double d = probability[i] - (label[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probability.Count;
    }

    /// <summary>Incidents captured when units are flagged by descending <paramref name="rankScore"/> until <paramref name="share"/> of the area.</summary>
    public static double Captured(IReadOnlyList<double> rankScore, IReadOnlyList<double> area, IReadOnlyList<double> actual, double share)
    {
        int n = rankScore.Count;
        double totalArea = area.Sum(), budget = share * totalArea, captured = 0;
        var order = Enumerable.Range(0, n).OrderByDescending(i => rankScore[i]).ToArray();
        for (int i = 0; i < n && budget > 0;)
        {
            int j = i;
            double blockArea = 0, blockCount = 0;
            while (j < n && rankScore[order[j]] == rankScore[order[i]])
            {
                blockArea += area[order[j]];
                blockCount += actual[order[j]];
                j++;
            }
            double fraction = Math.Min(1, budget / blockArea);
            captured += fraction * blockCount;
            budget -= fraction * blockArea;
            i = j;
        }
        return captured;
    }

    /// <summary>
    /// Hit rate n/N, PAI = (n/N)/(a/A) (Chainey, Tompson &amp; Uhlig 2008) and PEI* = n/n* with n* the incidents in the
    /// same area flagged with hindsight by actual incident density (White, Hunt &amp; Green 2023). Null when N = 0.
    /// </summary>
    public static AreaScore? AtArea(IReadOnlyList<double> rankScore, IReadOnlyList<double> area, IReadOnlyList<double> actual, double share)
    {
        double total = actual.Sum();
        if (total <= 0) return null;
        double n = Captured(rankScore, area, actual, share);
        var density = actual.Select((c, i) => c / area[i]).ToArray();
        double best = Captured(density, area, actual, share);
        double hitRate = n / total;
        return new AreaScore(hitRate, hitRate / share, best > 0 ? n / best : 0);
    }
}
