namespace DiaBan.Analytics.Domain;

/// <summary>
/// What an incident record is (DOMAIN §1.8). Stored as the snake_case name ("use_site"), so the numbers are free to
/// serve as array positions: the risk panel counts the first <see cref="IncidentKinds.CountedKinds"/> kinds.
/// </summary>
public enum IncidentKind
{
    /// <summary>Bắt giữ: persons = offenders arrested (feeds offenders_arrested).</summary>
    Arrest = 0,
    /// <summary>Thu giữ ma túy without an arrest recorded here.</summary>
    Seizure = 1,
    /// <summary>Điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy (a harbouring place) found.</summary>
    UseSite = 2,
    /// <summary>Điểm mua bán ma túy; counted in the 3122-era hotspots.</summary>
    DealingSite = 3,
    /// <summary>Cây có chứa chất ma túy triệt phá: plants and area_m2 are set.</summary>
    PlantSite = 4,
    /// <summary>Vi phạm phát hiện khi kiểm tra cơ sở kinh doanh có điều kiện.</summary>
    InspectionViolation = 5,
    /// <summary>Tin báo, tố giác not (yet) verified.</summary>
    Tip = 6,
    /// <summary>Anything else an import carries; stored, never counted by the risk model.</summary>
    Other = 7,
}

/// <summary>Which kinds are drug offences (the forecast target) as opposed to leads (tips, inspections).</summary>
public static class IncidentKinds
{
    /// <summary>Kinds the risk panel counts (every kind but <see cref="IncidentKind.Other"/>): the panel's kind axis.</summary>
    public const int CountedKinds = 7;

    public static IReadOnlyList<IncidentKind> Counted { get; } = Enum.GetValues<IncidentKind>().Where(k => k != IncidentKind.Other).ToArray();

    public static IReadOnlyList<IncidentKind> Offences { get; } =
        [IncidentKind.Arrest, IncidentKind.Seizure, IncidentKind.UseSite, IncidentKind.DealingSite, IncidentKind.PlantSite];

    public static bool IsOffence(IncidentKind kind) => kind <= IncidentKind.PlantSite;

    /// <summary>The kind as a report table names it (Vietnamese).</summary>
    public static string VietnameseLabel(this IncidentKind kind) => kind switch
    {
        IncidentKind.Arrest => "Bắt giữ",
        IncidentKind.Seizure => "Thu giữ ma túy",
        IncidentKind.UseSite => "Điểm tổ chức, chứa chấp sử dụng",
        IncidentKind.DealingSite => "Điểm mua bán",
        IncidentKind.PlantSite => "Triệt phá cây có chứa chất ma túy",
        IncidentKind.InspectionViolation => "Vi phạm qua kiểm tra cơ sở kinh doanh có điều kiện",
        IncidentKind.Tip => "Tin báo, tố giác",
        IncidentKind.Other => "Khác",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>snake_case name stored in the database and used in feature names and data files.</summary>
    public static string Code(this IncidentKind kind) => kind switch
    {
        IncidentKind.Arrest => "arrest",
        IncidentKind.Seizure => "seizure",
        IncidentKind.UseSite => "use_site",
        IncidentKind.DealingSite => "dealing_site",
        IncidentKind.PlantSite => "plant_site",
        IncidentKind.InspectionViolation => "inspection_violation",
        IncidentKind.Tip => "tip",
        IncidentKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
