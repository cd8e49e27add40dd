using System.Text.Json;
using System.Text.Json.Serialization;
using DiaBan.Analytics.Classification;
using DiaBan.Geo.Services;

namespace DiaBan.Geo.Queries;

/// <summary>
/// One commune's status for a year, exactly the properties of a feature of GET /api/status (same SQL), typed for the UI.
/// Status is what the map shows: the official status when the province recorded one, else the computed one.
/// </summary>
public sealed record UnitStatus
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required int Year { get; init; }
    public CommuneStatus? Status { get; init; }
    public string? StatusLabel { get; init; }
    public bool Assessed { get; init; }
    public bool Official { get; init; }
    public CommuneStatus? OfficialStatus { get; init; }
    public DateTimeOffset? OfficialAt { get; init; }
    public string? OfficialBy { get; init; }
    /// <summary>The assessment row's version (xmin): what an edit of the official status must name (If-Match).</summary>
    public uint Version { get; init; }
    public CommuneStatus? ComputedStatus { get; init; }
    public string? ComputedStatusLabel { get; init; }
    /// <summary>The shown status rests on provisional (unconfirmed) criteria: computed, not official, and flagged so.</summary>
    public bool Provisional { get; init; }
    public string? RuleSet { get; init; }
    public CriteriaRegime? Regime { get; init; }
    /// <summary>The criteria that held, as the classifier evaluated them (each with its figures and threshold).</summary>
    [JsonConverter(typeof(AssessmentJson.CriteriaConverter))]
    public IReadOnlyList<CriterionEvaluation> Criteria { get; init; } = [];
    /// <summary>The figures the classifier was given (population, users and addicts, arrests, ...).</summary>
    public JsonElement Inputs { get; init; }
}
