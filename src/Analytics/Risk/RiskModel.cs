using System.IO.Compression;
using System.Text.Json;
using DiaBan.Analytics.Risk.Learning;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DiaBan.Analytics.Risk;

/// <summary>
/// A trained forecaster: calibrated P(offence next quarter) with feature contributions, expected count, P(yearly
/// status worsens), and a jackknife ensemble for the probability's uncertainty. Train with <see cref="Train"/>.
/// </summary>
public sealed class RiskModel
{
    private const string ProbabilityColumn = "Probability";
    private const string ScoreColumn = "Score";
    private const string ContributionColumn = "FeatureContributions";

    private readonly MLContext _ml;
    private readonly ITransformer _probability;
    private readonly ITransformer _count;
    private readonly ITransformer? _status;
    private readonly IReadOnlyList<ITransformer> _members;
    private readonly RecentStacking? _stacking;
    private readonly int _reasonCount;

    internal RiskModel(MLContext ml, RiskModelVersion version, ITransformer probability, ITransformer count,
        ITransformer? status, IReadOnlyList<ITransformer> members, RecentStacking? stacking, int reasonCount)
    {
        _ml = ml;
        Version = version;
        _probability = probability;
        _count = count;
        _status = status;
        _members = members;
        _stacking = stacking;
        _reasonCount = reasonCount;
    }

    public RiskModelVersion Version { get; }

    /// <summary>Members behind <see cref="CommuneRisk.ProbabilitySd"/> (0 = no uncertainty estimate).</summary>
    public int UncertaintyMembers => _members.Count;

    public bool HasStatusModel => _status is not null;

    /// <summary>Trains on every row whose label quarter is ≤ <paramref name="originQuarter"/> (absolute index; default: the panel's last).</summary>
    public static RiskModel Train(UnitQuarterPanel panel, int? originQuarter = null, RiskOptions? options = null)
    {
        options ??= new RiskOptions();
        var features = new RiskFeatureAssembler(panel, options.Guard);
        return RiskModelTrainer.Train(features, panel.PositionOf(originQuarter ?? panel.Quarters[^1]), options);
    }

    /// <summary>Same, reusing an assembled panel (the backtest and simulations train many times on one panel).</summary>
    public static RiskModel Train(RiskFeatureAssembler features, int originQuarter, RiskOptions? options = null)
    {
        options ??= new RiskOptions { Guard = features.Guard };
        if (options.Guard != features.Guard) throw new ArgumentException("Options and assembler use different feedback guards.");
        return RiskModelTrainer.Train(features, features.Panel.PositionOf(originQuarter), options);
    }

    /// <summary>Scores units (default all) with features at the end of <paramref name="originQuarter"/>, forecasting the next quarter.</summary>
    public IReadOnlyList<CommuneRisk> Score(UnitQuarterPanel panel, int originQuarter, IReadOnlyList<int>? units = null) =>
        Score(new RiskFeatureAssembler(panel, Version.Guard), originQuarter, units);

    public IReadOnlyList<CommuneRisk> Score(RiskFeatureAssembler features, int originQuarter, IReadOnlyList<int>? units = null)
    {
        if (features.Guard != Version.Guard || !features.Features.Select(f => f.Name).SequenceEqual(Version.FeatureNames))
            throw new ArgumentException("The panel's features do not match the ones this model was trained on.");
        var panel = features.Panel;
        int t = panel.PositionOf(originQuarter);
        if (t < RiskFeatureAssembler.MinimumHistory - 1)
            throw new ArgumentOutOfRangeException(nameof(originQuarter), "Origin outside the panel or with too little history.");
        units ??= Enumerable.Range(0, panel.UnitCount).ToArray();
        var rows = units.Select(u => new ScoringRow { Features = features.Row(u, t) }).ToArray();
        var data = MlRows.Scoring(_ml, rows, features.FeatureCount);

        var mean4 = units.Select(u => features.RecentMean(u, t)).ToArray();
        var scored = _probability.Transform(data);
        double[] probability = Probabilities(scored, mean4);
        float[][] contributions = scored.GetColumn<float[]>(ContributionColumn).ToArray();
        float[] trees = _count.Transform(data).GetColumn<float>(ScoreColumn).ToArray(); // multiples of the offset
        float[]? worsen = _status?.Transform(data).GetColumn<float>(ProbabilityColumn).ToArray();
        var memberProbabilities = _members.Select(m => Probabilities(m.Transform(data), mean4)).ToArray();

        var result = new CommuneRisk[units.Count];
        for (int i = 0; i < units.Count; i++)
        {
            int u = units[i];
            var (sd, low, high) = Spread(memberProbabilities, i, probability[i]);
            double expected = trees[i] * features.CountOffset(u, t);
            if (_stacking is not null) expected = _stacking.ExpectedCount(expected, mean4[i]);
            result[i] = new CommuneRisk(panel.UnitIds[u], u, originQuarter + 1, probability[i], sd, low, high, expected,
                worsen?[i], features.LastKnownStatus(u, t), features.QuartersSinceLastPatrol(u, t),
                Reasons(features.Features, rows[i].Features, contributions[i]));
        }
        return result;
    }

    // Stacked on the trees' raw score and the recent counts when fitted; FastTree's own Platt fit otherwise.
    private double[] Probabilities(IDataView scored, double[] mean4) => _stacking is null
        ? scored.GetColumn<float>(ProbabilityColumn).Select(p => (double)p).ToArray()
        : scored.GetColumn<float>(ScoreColumn).Select((s, i) => _stacking.Probability(s, mean4[i])).ToArray();

    /// <summary>Writes the version record and every ML.NET model into one zip stream.</summary>
    public void Save(Stream stream) => RiskModelStorage.Save(this, stream);

    public static RiskModel Load(Stream stream) => RiskModelStorage.Load(stream);

    internal (ITransformer Probability, ITransformer Count, ITransformer? Status, IReadOnlyList<ITransformer> Members,
        RecentStacking? Stacking) Parts => (_probability, _count, _status, _members, _stacking);

    internal MLContext Context => _ml;

    internal int ReasonCount => _reasonCount;

    // Sample standard deviation of the members' calibrated probabilities and a normal 90 % band around the estimate.
    private static (double Sd, double Low, double High) Spread(double[][] members, int row, double estimate)
    {
        if (members.Length < 2) return (0, estimate, estimate);
        double mean = members.Average(m => m[row]);
        double sd = Math.Sqrt(members.Sum(m => (m[row] - mean) * (m[row] - mean)) / (members.Length - 1));
        return (sd, Math.Max(0, estimate - 1.645 * sd), Math.Min(1, estimate + 1.645 * sd));
    }

    private IReadOnlyList<RiskReason> Reasons(IReadOnlyList<RiskFeature> catalog, float[] values, float[] contributions) =>
        Enumerable.Range(0, contributions.Length)
            .Where(j => contributions[j] > 0)
            .OrderByDescending(j => contributions[j]).ThenBy(j => j)
            .Take(_reasonCount)
            .Select(j => new RiskReason(catalog[j].Name, values[j], contributions[j]) { ExposureAdjusted = Version.Guard == FeedbackGuard.ExposureAdjusted })
            .ToArray();

    internal static JsonSerializerOptions VersionJson { get; } = new() { WriteIndented = true };

    internal static ZipArchiveEntry Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"Risk model archive lacks '{name}'.");
}
