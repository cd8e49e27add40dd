namespace DiaBan.Geo.Queries;

/// <summary>
/// The part of the country a caller may read: everything, one province, or a list of communes.
/// Every query in this folder takes one and filters in SQL, so a caller cannot widen it from the outside.
/// </summary>
public sealed class AreaScope
{
    private AreaScope(bool unrestricted, string? provinceCode, IReadOnlyList<string> communeCodes)
    {
        IsUnrestricted = unrestricted;
        ProvinceCode = provinceCode;
        CommuneCodes = communeCodes;
    }

    /// <summary>No limit (an administrator without an assigned area).</summary>
    public static AreaScope Everything { get; } = new(true, null, []);

    /// <summary>Sees nothing: the safe answer for a user whose area is not set.</summary>
    public static AreaScope Nothing { get; } = new(false, null, []);

    public static AreaScope Province(string provinceCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provinceCode);
        return new AreaScope(false, provinceCode, []);
    }

    public static AreaScope Communes(IEnumerable<string> communeCodes)
    {
        var codes = communeCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return codes.Length == 0 ? Nothing : new AreaScope(false, null, codes);
    }

    public bool IsUnrestricted { get; }

    public string? ProvinceCode { get; }

    public IReadOnlyList<string> CommuneCodes { get; }

    /// <summary>True when the scope can match no unit at all, so a query can answer without touching the database.</summary>
    public bool IsEmpty => !IsUnrestricted && ProvinceCode is null && CommuneCodes.Count == 0;

    public override string ToString() =>
        IsUnrestricted ? "all" : ProvinceCode is not null ? $"province {ProvinceCode}" : IsEmpty ? "none" : $"communes {string.Join(',', CommuneCodes)}";
}
