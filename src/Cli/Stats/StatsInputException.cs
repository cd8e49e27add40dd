namespace DiaBan.Cli.Stats;

/// <summary>The input of `diaban stats` cannot be analysed (bad file, missing field, too few features): exit 1 with the reason.</summary>
public sealed class StatsInputException(string message) : InvalidOperationException(message);
