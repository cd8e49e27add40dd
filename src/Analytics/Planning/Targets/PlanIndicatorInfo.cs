namespace DiaBan.Analytics.Planning;

/// <summary>How an indicator's value moves through a period, which decides its linear projection.</summary>
public enum ProjectionKind
{
    /// <summary>Accumulates from zero at the period start (arrests, spots eliminated): projection = actual ÷ elapsed.</summary>
    Flow,
    /// <summary>A level that starts at last year's value (drug-free communes, users with records):
    /// projection = baseline + (actual − baseline) ÷ elapsed.</summary>
    Stock,
    /// <summary>A ratio of two flows (tips resolved ÷ received): projection = actual.</summary>
    Rate,
}

/// <summary>Stable codes, Vietnamese labels and the projection behaviour of <see cref="PlanIndicator"/>.</summary>
public static class PlanIndicatorInfo
{
    public static IReadOnlyList<PlanIndicator> All { get; } = Enum.GetValues<PlanIndicator>();

    public static string Code(this PlanIndicator indicator) => indicator switch
    {
        PlanIndicator.DrugFreeCommunes => "drug_free_communes",
        PlanIndicator.KeyCommunes => "key_communes",
        PlanIndicator.CommunesWithDrugs => "communes_with_drugs",
        PlanIndicator.SpotsEliminated => "spots_eliminated",
        PlanIndicator.Arrests => "arrests",
        PlanIndicator.UsersWithRecords => "users_with_records",
        PlanIndicator.PlantAreaDestroyed => "plant_area_destroyed",
        PlanIndicator.TipsResolved => "tips_resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
    };

    public static string VietnameseLabel(this PlanIndicator indicator) => indicator switch
    {
        PlanIndicator.DrugFreeCommunes => "Xã, phường, đặc khu không ma túy",
        PlanIndicator.KeyCommunes => "Xã trọng điểm phức tạp về ma túy",
        PlanIndicator.CommunesWithDrugs => "Xã có ma túy",
        PlanIndicator.SpotsEliminated => "Điểm, tụ điểm được triệt xóa",
        PlanIndicator.Arrests => "Người phạm tội về ma túy bị bắt giữ",
        PlanIndicator.UsersWithRecords => "Người nghiện, người SDTP có hồ sơ quản lý",
        PlanIndicator.PlantAreaDestroyed => "Diện tích cây có chứa chất ma túy bị triệt phá (m²)",
        PlanIndicator.TipsResolved => "Tố giác, tin báo về tội phạm được giải quyết",
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
    };

    public static bool TryFromCode(string code, out PlanIndicator indicator)
    {
        foreach (var candidate in All)
        {
            if (candidate.Code() != code) continue;
            indicator = candidate;
            return true;
        }
        indicator = default;
        return false;
    }

    /// <summary>Whether a share has a denominator: arrests and users with records have none worth a target.</summary>
    public static bool AllowsShare(this PlanIndicator indicator) =>
        indicator is not (PlanIndicator.Arrests or PlanIndicator.UsersWithRecords);

    public static ProjectionKind Projection(this PlanIndicator indicator, TargetComparison comparison) => indicator switch
    {
        PlanIndicator.DrugFreeCommunes or PlanIndicator.KeyCommunes or PlanIndicator.CommunesWithDrugs
            or PlanIndicator.UsersWithRecords => ProjectionKind.Stock,
        // spots eliminated as a share of the spots open at the period start: the denominator is fixed, so it accumulates
        PlanIndicator.SpotsEliminated or PlanIndicator.Arrests => ProjectionKind.Flow,
        // destroyed ÷ found and resolved ÷ received: both sides grow together, so the ratio so far is the best estimate
        PlanIndicator.PlantAreaDestroyed or PlanIndicator.TipsResolved =>
            comparison == TargetComparison.Share ? ProjectionKind.Rate : ProjectionKind.Flow,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
    };
}

public static class TargetComparisonInfo
{
    public static string Code(this TargetComparison comparison) => comparison switch
    {
        TargetComparison.Absolute => "absolute",
        TargetComparison.PercentChange => "percent_change",
        TargetComparison.Share => "share",
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, null),
    };

    public static string Code(this TargetDirection direction) => direction switch
    {
        TargetDirection.AtLeast => "at_least",
        TargetDirection.AtMost => "at_most",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    public static string Code(this TargetScopeLevel level) => level switch
    {
        TargetScopeLevel.Province => "province",
        TargetScopeLevel.District => "district",
        TargetScopeLevel.Communes => "communes",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
