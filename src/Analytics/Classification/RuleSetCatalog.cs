using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace DiaBan.Analytics.Classification;

/// <summary>
/// The rule sets known to the product: by default the embedded Decision 3122/2010 and Decision 28/2025 files; an
/// administrator's edited copies (same JSON) can be parsed with <see cref="Parse"/> and put in a catalog of their own.
/// </summary>
public sealed class RuleSetCatalog
{
    private const string ResourcePrefix = "DiaBan.RuleSets.";
    private static readonly Lazy<RuleSetCatalog> EmbeddedCatalog = new(LoadEmbedded);

    public RuleSetCatalog(IEnumerable<RuleSet> ruleSets)
    {
        RuleSets = ruleSets.ToArray();
        foreach (var ruleSet in RuleSets) RuleSetValidator.ThrowIfInvalid(ruleSet);
        foreach (var duplicate in RuleSets.GroupBy(r => (r.Id, r.Version)).Where(g => g.Count() > 1))
            throw new ArgumentException($"rule set {duplicate.Key.Id} v{duplicate.Key.Version} given twice", nameof(ruleSets));
    }

    /// <summary>The rule sets shipped with the product (RuleSets/*.json embedded in this assembly).</summary>
    public static RuleSetCatalog Embedded => EmbeddedCatalog.Value;

    public IReadOnlyList<RuleSet> RuleSets { get; }

    /// <summary>Parses and validates one rule set; throws <see cref="RuleSetFormatException"/> naming every fault.</summary>
    public static RuleSet Parse(string json) => RuleSetJson.Parse(json);

    public static string ToJson(RuleSet ruleSet) => RuleSetJson.Serialize(ruleSet);

    /// <summary>The rule set in force on a date (3122/2010 before 2025-08-24, Decision 28/2025 from then on with the
    /// shipped files); among several, the latest effective_from, then the highest version.</summary>
    public RuleSet ForDate(DateOnly date) =>
        TryForDate(date, out var ruleSet)
            ? ruleSet
            : throw new InvalidOperationException(
                $"Không có bộ tiêu chí nào có hiệu lực ngày {date:dd/MM/yyyy} / no rule set in force on {date:yyyy-MM-dd}.");

    public bool TryForDate(DateOnly date, [NotNullWhen(true)] out RuleSet? ruleSet)
    {
        ruleSet = RuleSets.Where(r => r.IsInForceOn(date))
            .OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Version)
            .FirstOrDefault();
        return ruleSet is not null;
    }

    /// <summary>A rule set by id and version (the latest version when none is given), e.g. to re-explain a stored assessment.</summary>
    public RuleSet? Find(string id, int? version = null) =>
        RuleSets.Where(r => r.Id == id && (version is null || r.Version == version))
            .OrderByDescending(r => r.Version)
            .FirstOrDefault();

    private static RuleSetCatalog LoadEmbedded()
    {
        var assembly = typeof(RuleSetCatalog).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return new RuleSetCatalog(names.Select(n => Parse(ReadResource(assembly, n))));
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded rule set {name} not found");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
