using DiaBan.Analytics.Domain;
using System.Text.Json.Serialization;

namespace DiaBan.Analytics.Risk;

/// <summary>
/// What the DB stores about a trained model: label-quarter window (absolute quarter indices, inclusive), features,
/// parameters, held-out metrics and the SHA-256 of the training rows (<see cref="TrainingDataHash"/>).
/// </summary>
public sealed record RiskModelVersion(
    int TrainingFromQuarter,
    int TrainingToQuarter,
    [property: JsonConverter(typeof(JsonStringEnumConverter<FeedbackGuard>))] FeedbackGuard Guard,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    int TrainingRows,
    string DataHash)
{
    /// <summary>"2019-Q2…2024-Q4": the quarters whose outcomes the model learnt from.</summary>
    public string TrainingWindow => $"{CalendarQuarter.FromOrdinal(TrainingFromQuarter).Label}…{CalendarQuarter.FromOrdinal(TrainingToQuarter).Label}";
}
