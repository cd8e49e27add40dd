namespace DiaBan.Analytics.Planning;

/// <summary>
/// The targets of DOMAIN.md §3 as data the demo can load for one scope: the drug-free milestones for their years, and
/// the yearly plan indicators for every year asked for. Each note quotes DOMAIN.md's wording and status mark.
/// </summary>
public static class PlanTargetCatalog
{
    public static IReadOnlyList<PlanTarget> Domain(TargetScope scope, int firstYear, int lastYear)
    {
        if (lastYear < firstYear) throw new ArgumentException("Năm cuối trước năm đầu / last year before first year.", nameof(lastYear));
        var targets = new List<PlanTarget>();
        foreach (var milestone in DrugFreeMilestones.Where(m => m.Year >= firstYear && m.Year <= lastYear))
        {
            targets.Add(milestone with { Scope = scope });
        }
        for (var year = firstYear; year <= lastYear; year++)
        {
            targets.AddRange(Yearly.Select(t => t with { Scope = scope, Year = year }));
        }
        return targets;
    }

    private static readonly TargetScope Unscoped = new(TargetScopeLevel.Province, []);

    private static PlanTarget Target(int year, PlanIndicator indicator, TargetComparison comparison, TargetDirection direction,
        double value, string basis, string number, string note) => new()
    {
        Scope = Unscoped, Year = year, Indicator = indicator, Comparison = comparison, Direction = direction, Value = value,
        LegalBasis = basis, DocumentNumber = number, Note = note,
    };

    private static readonly PlanTarget[] DrugFreeMilestones =
    [
        Target(2025, PlanIndicator.DrugFreeCommunes, TargetComparison.Share, TargetDirection.AtLeast, 20,
            "Thông báo 564/TB-VPCP ngày 20/10/2025 (yêu cầu của Trung ương)", "564/TB-VPCP",
            "DOMAIN.md §3: \"≥ 20 % in 2025 (verified) (theo yêu cầu của Trung ương … mục tiêu năm 2025 đạt ít nhất 20% xã, phường không ma túy)\""),
        Target(2026, PlanIndicator.DrugFreeCommunes, TargetComparison.Share, TargetDirection.AtLeast, 30,
            "Kế hoạch 107/KH-UBND ngày 12/2/2026 của UBND tỉnh Nghệ An (ví dụ cấp tỉnh)", "107/KH-UBND",
            "DOMAIN.md §3: \"Nghệ An: 20 % in 2025, ≥ 30 % in 2026 (107/KH-UBND 12/2/2026)\" — a provincial example"),
        Target(2030, PlanIndicator.DrugFreeCommunes, TargetComparison.Share, TargetDirection.AtLeast, 50,
            "Kết luận 132-KL/TW ngày 18/3/2025; Nghị quyết 163/2024/QH15 ngày 27/11/2024", "132-KL/TW",
            "DOMAIN.md §3: \"≥ 50 % of commune-level units nationwide drug-free by end-2030 (verified)\""),
    ];

    private static readonly PlanTarget[] Yearly =
    [
        Target(0, PlanIndicator.CommunesWithDrugs, TargetComparison.PercentChange, TargetDirection.AtMost, -5,
            "Kế hoạch phòng, chống ma túy TP.HCM (2019); Kế hoạch 11/KH-BCĐ ngày 11/1/2021 của BCĐ 138 Lạng Sơn", "11/KH-BCĐ",
            "DOMAIN.md §3: \"reduce communes with drug vice by 5 %\" (HCMC); \"reduce communes with drugs by 3–5 %\" (Lạng Sơn) (verified)"),
        Target(0, PlanIndicator.SpotsEliminated, TargetComparison.Share, TargetDirection.AtLeast, 5,
            "Kế hoạch phòng, chống ma túy TP.HCM (báo cáo 22/11/2019)", "KH TP.HCM 2019",
            "DOMAIN.md §3: \"eliminate 5–10 % of points and hotspots (điểm, tụ điểm) per year\" (verified; the lower bound)"),
        Target(0, PlanIndicator.Arrests, TargetComparison.PercentChange, TargetDirection.AtLeast, 5,
            "Kế hoạch 11/KH-BCĐ ngày 11/1/2021 của BCĐ 138 Lạng Sơn", "11/KH-BCĐ",
            "DOMAIN.md §3: \"arrests of drug cases and offenders +> 5 % vs the previous year\" (verified)"),
        Target(0, PlanIndicator.TipsResolved, TargetComparison.Share, TargetDirection.AtLeast, 90,
            "Chỉ tiêu chung về giải quyết tố giác, tin báo về tội phạm (văn bản gốc chưa xác định)", "chưa xác định",
            "DOMAIN.md §3: \"Tip and denunciation resolution rate > 90 %\"; source instrument not found"),
        Target(0, PlanIndicator.PlantAreaDestroyed, TargetComparison.Share, TargetDirection.AtLeast, 100,
            "Nghị quyết 163/2024/QH15 ngày 27/11/2024", "163/2024/QH15",
            "DOMAIN.md §3: \"100 % of … illegal plant areas detected and destroyed\" (verified)"),
        Target(0, PlanIndicator.UsersWithRecords, TargetComparison.PercentChange, TargetDirection.AtMost, 1,
            "Dự thảo chỉ tiêu Chương trình MTQG phòng, chống ma túy đến năm 2030 (VOV)", "dự thảo",
            "DOMAIN.md §3: \"growth of addicts < 1 %/yr and of users < 1 %/yr\" (draft); NQ 163/2024/QH15: \"each year reduce the number of addicts and users\""),
    ];
}
