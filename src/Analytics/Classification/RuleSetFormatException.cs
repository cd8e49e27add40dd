namespace DiaBan.Analytics.Classification;

/// <summary>A rule set (JSON or in memory) that cannot be evaluated; <see cref="Problems"/> names each fault's path.</summary>
public sealed class RuleSetFormatException : Exception
{
    public RuleSetFormatException(IReadOnlyList<string> problems)
        : base("Bộ tiêu chí không hợp lệ / invalid rule set: " + string.Join("; ", problems)) => Problems = problems;

    public RuleSetFormatException(string message, Exception inner) : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
