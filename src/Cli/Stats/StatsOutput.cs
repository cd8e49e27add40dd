namespace DiaBan.Cli.Stats;

/// <summary>What a stats run prints: a table (csv/json) or moran's JSON object, and notes for stderr.</summary>
public sealed record StatsOutput(StatsTable? Table, string? Json, IReadOnlyList<string> Notes);
