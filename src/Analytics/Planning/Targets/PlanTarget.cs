using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>The quantity a plan target is about (DOMAIN.md §3 "typical yearly plan indicators", §6 report tables).</summary>
public enum PlanIndicator
{
    /// <summary>Xã không ma túy: drug-free communes (as a share: of the communes in scope).</summary>
    DrugFreeCommunes,
    /// <summary>Xã trọng điểm phức tạp về ma túy of one type (<see cref="PlanTarget.KeyType"/>); share: of communes in scope.</summary>
    KeyCommunes,
    /// <summary>Xã có ma túy / có tệ nạn ma túy (every commune not drug-free); share: of communes in scope.</summary>
    CommunesWithDrugs,
    /// <summary>Điểm, tụ điểm triệt xóa: spots eliminated; share: of the spots open at the start of the period.</summary>
    SpotsEliminated,
    /// <summary>Người phạm tội về ma túy bị bắt giữ (persons, not cases).</summary>
    Arrests,
    /// <summary>Người nghiện + người SDTP có hồ sơ quản lý (a stock at the report date).</summary>
    UsersWithRecords,
    /// <summary>Diện tích cây có chứa chất ma túy triệt phá, m²; share: of the plant area found.</summary>
    PlantAreaDestroyed,
    /// <summary>Tố giác, tin báo về tội phạm giải quyết; share: of the tips received.</summary>
    TipsResolved,
}

/// <summary>How the target value is read.</summary>
public enum TargetComparison
{
    /// <summary>The value itself (a count, or m²).</summary>
    Absolute,
    /// <summary>Percent change on the previous year's actual (−5 = five percent fewer).</summary>
    PercentChange,
    /// <summary>A percentage of the indicator's denominator (20 = 20 %).</summary>
    Share,
}

public enum TargetDirection
{
    AtLeast,
    AtMost,
}

public enum TargetScopeLevel
{
    Province,
    /// <summary>Pre-1/7/2025 targets only: districts were abolished by the reform (DOMAIN.md §4).</summary>
    District,
    Communes,
}

/// <summary>Where a target applies: one province or district by code, or an explicit list of communes.</summary>
public sealed record TargetScope(TargetScopeLevel Level, IReadOnlyList<string> Codes)
{
    public static TargetScope Province(string code) => new(TargetScopeLevel.Province, [code]);
    public static TargetScope District(string code) => new(TargetScopeLevel.District, [code]);
    public static TargetScope Communes(params string[] codes) => new(TargetScopeLevel.Communes, codes);

    public bool Equals(TargetScope? other) => other is not null && Level == other.Level && Codes.SequenceEqual(other.Codes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Level);
        foreach (var code in Codes) hash.Add(code, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}

/// <summary>
/// One registered plan target (*chỉ tiêu*), e.g. "≥ 20 % of communes drug-free in 2025" (DOMAIN.md §3), with the
/// instrument it comes from. Percentages are written as people write them: 20 means 20 %.
/// </summary>
public sealed record PlanTarget
{
    public required TargetScope Scope { get; init; }
    public required int Year { get; init; }
    public required PlanIndicator Indicator { get; init; }
    /// <summary>Which key type <see cref="PlanIndicator.KeyCommunes"/> counts; null for every other indicator.</summary>
    public CommuneStatus? KeyType { get; init; }
    public required TargetComparison Comparison { get; init; }
    public required TargetDirection Direction { get; init; }
    public required double Value { get; init; }
    /// <summary>Căn cứ: the instrument, e.g. "Thông báo 564/TB-VPCP ngày 20/10/2025".</summary>
    public required string LegalBasis { get; init; }
    /// <summary>Số văn bản, e.g. "564/TB-VPCP".</summary>
    public required string DocumentNumber { get; init; }
    public string? Note { get; init; }
}
