namespace DiaBan.Analytics.Classification;

/// <summary>
/// The figures of one commune-level unit for one assessment period (normally a calendar year), as reported or derived.
/// Every figure is nullable: null means "not reported", which a criterion treats as unknown, never as zero.
/// </summary>
public sealed record IndicatorFigures
{
    public required string UnitCode { get; init; }
    public required int Year { get; init; }

    /// <summary>Số dân hiện đang cư trú (includes temporary residents); the denominator of the rate criteria.</summary>
    public int? PopulationResident { get; init; }

    /// <summary>Người nghiện + người sử dụng trái phép chất ma túy có hồ sơ quản lý (a stock at the report date).</summary>
    public int? UsersAddictsManaged { get; init; }

    /// <summary>Địa điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy still active at the end of the period.</summary>
    public int? HarbouringPlacesActiveAtEnd { get; init; }

    /// <summary>Địa điểm tổ chức, chứa chấp … discovered during the period (what the shipped rule sets read).</summary>
    public int? HarbouringPlacesDetectedInPeriod { get; init; }

    /// <summary>Người phạm tội về ma túy bị bắt giữ trên địa bàn during the period.</summary>
    public int? OffendersArrested { get; init; }

    /// <summary>Cây có chứa chất ma túy phát hiện, triệt phá: number of plants.</summary>
    public int? PlantsDestroyedCount { get; init; }

    /// <summary>Cây có chứa chất ma túy phát hiện, triệt phá: area in m².</summary>
    public double? PlantsDestroyedM2 { get; init; }

    /// <summary>Whether the unit lies on an intra- or inter-provincial key drug route.</summary>
    public bool? OnKeyRoute { get; init; }

    /// <summary>Tụ điểm tệ nạn ma túy (3122/2010 era count of drug hotspots).</summary>
    public int? Hotspots { get; init; }

    /// <summary>Which figures were computed from geocoded incidents rather than reported by the police.</summary>
    public IndicatorField DerivedFromIncidents { get; init; }

    public bool IsDerivedFromIncidents(IndicatorField field) => (DerivedFromIncidents & field) == field;

    /// <summary>The fields that are null.</summary>
    public IndicatorField MissingFields =>
        (PopulationResident is null ? IndicatorField.PopulationResident : 0)
        | (UsersAddictsManaged is null ? IndicatorField.UsersAddictsManaged : 0)
        | (HarbouringPlacesActiveAtEnd is null ? IndicatorField.HarbouringPlacesActiveAtEnd : 0)
        | (HarbouringPlacesDetectedInPeriod is null ? IndicatorField.HarbouringPlacesDetectedInPeriod : 0)
        | (OffendersArrested is null ? IndicatorField.OffendersArrested : 0)
        | (PlantsDestroyedCount is null ? IndicatorField.PlantsDestroyedCount : 0)
        | (PlantsDestroyedM2 is null ? IndicatorField.PlantsDestroyedM2 : 0)
        | (OnKeyRoute is null ? IndicatorField.OnKeyRoute : 0)
        | (Hotspots is null ? IndicatorField.Hotspots : 0);
}
