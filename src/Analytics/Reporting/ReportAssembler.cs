using System.Globalization;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Planning.Completeness;

namespace DiaBan.Analytics.Reporting;

/// <summary>
/// Builds the report tables of DOMAIN.md §6 from <see cref="ReportFigures"/>: pure, so every figure can be checked
/// against the database and both file formats show the same numbers.
/// </summary>
public static class ReportAssembler
{
    private const string NotAssessedLabel = "Chưa đánh giá";

    public static Report Assemble(ReportFigures f)
    {
        var tables = new List<ReportTable>
        {
            Statuses(f),
            Transitions(f),
            Changes(f),
            KeyCommunes(f),
            Recognitions(f),
            Incidents(f),
            Spots(f),
            Plants(f),
            People(f),
            Tips(f),
            Targets(f),
            Completeness(f),
        };
        var statusChart = f.Statuses.Select(s => new ChartBar(Label(s.Status), s.Now, s.Before, s.Status.AxisCode())).ToList();
        var incidentChart = f.Incidents.Where(i => i.Cases + i.CasesBefore > 0)
            .Select(i => new ChartBar(i.Kind.VietnameseLabel(), i.Cases, i.CasesBefore, i.Kind.Code())).ToList();
        return new Report(f.Period, f.AreaName, f.GeneratedAt, tables, f.Map, statusChart, incidentChart);
    }

    public static string Label(CommuneStatus? status) => status?.VietnameseLabel() ?? NotAssessedLabel;

    /// <summary>A status in a matrix header, where the full label would not fit an A4 column.</summary>
    public static string ShortLabel(CommuneStatus? status) => status switch
    {
        null => NotAssessedLabel,
        CommuneStatus.NoDrugVice => "Không TNMT",
        CommuneStatus.HasDrugs => "Có ma túy",
        CommuneStatus.KeyTypeIII => "TĐ loại III",
        CommuneStatus.KeyTypeII => "TĐ loại II",
        CommuneStatus.KeyTypeI => "TĐ loại I",
        { } s => s.VietnameseLabel(),
    };

    /// <summary>Relative change (0.05 = +5 %); null when there is nothing to compare with.</summary>
    public static double? Change(double? now, double? before) =>
        now is { } n && before is { } b && b != 0 ? (n - b) / b : null;

    private static ReportColumn Text(string h) => new(h, ReportValueKind.Text);
    private static ReportColumn Count(string h) => new(h, ReportValueKind.Count);
    private static ReportColumn Number(string h) => new(h, ReportValueKind.Number);
    private static ReportColumn Percent(string h) => new(h, ReportValueKind.Percent);

    private static string NowHeader(ReportFigures f) => $"Kỳ này ({f.Period.Code})";
    private static string BeforeHeader(ReportFigures f) => $"Cùng kỳ năm trước ({f.Period.SamePeriodLastYear.Code})";

    private static ReportTable Statuses(ReportFigures f)
    {
        int totalNow = f.Statuses.Sum(s => s.Now), totalBefore = f.Statuses.Sum(s => s.Before);
        var rows = f.Statuses.Select(s => (IReadOnlyList<object?>)[Label(s.Status), (long)s.Now, (long)s.Before, (long)(s.Now - s.Before),
            totalNow == 0 ? null : (double)s.Now / totalNow]).ToList();
        rows.Add(["Tổng số xã", (long)totalNow, (long)totalBefore, (long)(totalNow - totalBefore), totalNow == 0 ? null : 1.0]);
        return new ReportTable("Trạng thái địa bàn", $"Địa bàn cấp xã theo trạng thái, {f.Period.VietnameseLabelInText} so với cùng kỳ",
            [Text("Trạng thái"), Count(NowHeader(f)), Count(BeforeHeader(f)), Count("Tăng (+) / giảm (−)"), Percent("Tỷ lệ kỳ này")], rows,
            $"Xã còn hiệu lực cuối mỗi kỳ; trạng thái chính thức của tỉnh được ưu tiên, nếu không có thì trạng thái tính theo bộ tiêu chí năm {f.Period.CalendarYear}.");
    }

    private static ReportTable Transitions(ReportFigures f)
    {
        var m = f.Transitions;
        var axis = StatusRank.Axis.Where(s => m.Cells.Any(c => c.From == s || c.To == s) || ((CommuneStatus?)s).IsRanked()).ToList();
        var rows = axis.Select(from => (IReadOnlyList<object?>)[ShortLabel(from), .. axis.Select(to => (object?)(long)m.Cell(from, to).Count),
            (long)m.Cells.Where(c => c.From == from).Sum(c => c.Count)]).ToList();
        rows.Add(["Tổng", .. axis.Select(to => (object?)(long)m.Cells.Where(c => c.To == to).Sum(c => c.Count)), (long)m.Total]);
        return new ReportTable("Chuyển đổi trạng thái", $"Chuyển đổi trạng thái năm {m.FromYear} → năm {m.ToYear} (hàng: năm {m.FromYear}; cột: năm {m.ToYear})",
            [Text($"{m.FromYear} → {m.ToYear}"), .. axis.Select(s => Count(ShortLabel(s))), Count("Tổng")], rows,
            $"Mỗi xã còn hiệu lực cuối năm {m.ToYear} được đếm một lần ({m.Total} xã); {m.Improved.Count()} xã chuyển biến tốt, " +
            $"{m.Worsened.Count()} xã xấu đi. TNMT: tệ nạn ma túy; TĐ: trọng điểm phức tạp. Trạng thái năm trước của xã hình thành sau sắp xếp được suy ra từ các xã cũ (quy tắc: {RuleLabel(m.Rule)}).");
    }

    private static ReportTable Changes(ReportFigures f)
    {
        var m = f.Transitions;
        var rows = m.Units.Where(u => u.Change is StatusChange.Improved or StatusChange.Worsened)
            .OrderBy(u => u.Change).ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .Select(u => (IReadOnlyList<object?>)[u.UnitCode, Name(f, u.UnitCode), u.Change == StatusChange.Improved ? "Chuyển biến tốt" : "Xấu đi",
                Label(u.From) + (u.Derived ? " (suy ra)" : ""), Label(u.To),
                string.Join("; ", u.ChangedCriteria.Select(c => $"{c.ClassStatus.VietnameseLabel()} {c.Code}"))]).ToList();
        return new ReportTable("Xã thay đổi trạng thái", $"Xã chuyển biến tốt và xấu đi, năm {m.FromYear} → năm {m.ToYear}",
            [Text("Mã xã"), Text("Tên xã"), Text("Chiều thay đổi"), Text($"Năm {m.FromYear}"), Text($"Năm {m.ToYear}"), Text("Tiêu chí thay đổi")],
            rows, rows.Count == 0 ? "Không có xã thay đổi trạng thái." : null);
    }

    private static ReportTable KeyCommunes(ReportFigures f)
    {
        var m = f.Transitions;
        var rows = m.Units.Where(u => u.To is CommuneStatus.KeyTypeI or CommuneStatus.KeyTypeII or CommuneStatus.KeyTypeIII)
            .OrderByDescending(u => u.To!.Value.Severity()).ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .Select(u => (IReadOnlyList<object?>)[u.UnitCode, Name(f, u.UnitCode), Label(u.To), Label(u.From) + (u.Derived ? " (suy ra)" : ""),
                ChangeLabel(u.Change)]).ToList();
        return new ReportTable("Xã trọng điểm", $"Danh sách xã trọng điểm phức tạp về ma túy năm {m.ToYear}",
            [Text("Mã xã"), Text("Tên xã"), Text($"Loại năm {m.ToYear}"), Text($"Năm {m.FromYear}"), Text("So với năm trước")],
            rows, rows.Count == 0 ? "Không có xã trọng điểm." : null);
    }

    private static ReportTable Incidents(ReportFigures f)
    {
        var rows = f.Incidents.Select(i => (IReadOnlyList<object?>)[i.Kind.VietnameseLabel(), (long)i.Cases, (long)i.CasesBefore,
            Change(i.Cases, i.CasesBefore), (long)i.Persons, (long)i.PersonsBefore]).ToList();
        rows.Add(["Tổng", (long)f.Incidents.Sum(i => i.Cases), (long)f.Incidents.Sum(i => i.CasesBefore),
            Change(f.Incidents.Sum(i => i.Cases), f.Incidents.Sum(i => i.CasesBefore)), (long)f.Incidents.Sum(i => i.Persons), (long)f.Incidents.Sum(i => i.PersonsBefore)]);
        return new ReportTable("Vụ việc theo loại", $"Vụ việc về ma túy theo loại, {f.Period.VietnameseLabelInText} so với cùng kỳ",
            [Text("Loại vụ việc"), Count($"Số vụ kỳ này ({f.Period.Code})"), Count($"Số vụ cùng kỳ ({f.Period.SamePeriodLastYear.Code})"),
                Percent("Tăng/giảm số vụ"), Count("Số người kỳ này"), Count("Số người cùng kỳ")], rows,
            "Nguồn: các vụ việc đã ghi nhận (ngày xảy ra trong kỳ, xã thuộc địa bàn). Số người: đối tượng của vụ (bắt giữ: số đối tượng bị bắt).");
    }

    private static IndicatorSums? Sums(ReportFigures f, int year) =>
        f.Period.IsWholeYear ? f.Indicators.GetValueOrDefault(year) : null;

    private static string AnnualOnly(ReportFigures f) => f.Period.IsWholeYear ? "" :
        " Số liệu báo cáo xã là số liệu năm: không có cho kỳ 6 tháng (để trống).";

    private static IReadOnlyList<object?> FigureRow(string label, double? now, double? before, string source) =>
        [label, now, before, Change(now, before), source];

    private static IReadOnlyList<ReportColumn> FigureColumns(ReportFigures f, ReportValueKind kind) =>
        [Text("Chỉ tiêu"), new(NowHeader(f), kind), new(BeforeHeader(f), kind), Percent("Tăng/giảm"), Text("Nguồn số liệu")];

    // a commune-reported figure (unit_indicator) by its name for a reader, never the column name (IndicatorFieldInfo.Label)
    private static string Reported(IndicatorField field) => field.Label();

    // figures counted from the incidents of some kinds, named as the report names the kinds (IncidentKind.VietnameseLabel)
    private static string FromIncidents(params IncidentKind[] kinds) => "Vụ việc: " + string.Join(" + ", kinds.Select(k => k.VietnameseLabel()));

    private static int Cases(ReportFigures f, params IncidentKind[] kinds) => f.Incidents.Where(i => kinds.Contains(i.Kind)).Sum(i => i.Cases);
    private static int CasesBefore(ReportFigures f, params IncidentKind[] kinds) => f.Incidents.Where(i => kinds.Contains(i.Kind)).Sum(i => i.CasesBefore);

    private static ReportTable Spots(ReportFigures f)
    {
        int y = f.Period.CalendarYear;
        var now = Sums(f, y);
        var before = Sums(f, y - 1);
        double? Eliminated(IndicatorSums? start, IndicatorSums? year) =>
            start?.SpotsActiveAtEnd is { } s && year?.SpotsDetected is { } d && year.SpotsActiveAtEnd is { } e ? s + d - e : null;
        return new ReportTable("Điểm, tụ điểm", $"Điểm, tụ điểm về ma túy: phát hiện và triệt xóa, {f.Period.VietnameseLabelInText}",
            FigureColumns(f, ReportValueKind.Count),
            [
                FigureRow("Điểm phát hiện trong kỳ (theo vụ việc)", Cases(f, IncidentKind.UseSite, IncidentKind.DealingSite),
                    CasesBefore(f, IncidentKind.UseSite, IncidentKind.DealingSite), FromIncidents(IncidentKind.UseSite, IncidentKind.DealingSite)),
                FigureRow("Điểm chứa chấp phát hiện trong năm (báo cáo xã)", now?.SpotsDetected, before?.SpotsDetected,
                    Reported(IndicatorField.HarbouringPlacesDetectedInPeriod)),
                FigureRow("Điểm còn hoạt động cuối kỳ", now?.SpotsActiveAtEnd, before?.SpotsActiveAtEnd, Reported(IndicatorField.HarbouringPlacesActiveAtEnd)),
                FigureRow("Điểm đã triệt xóa (ước tính)", Eliminated(Sums(f, y - 1), now), Eliminated(Sums(f, y - 2), before),
                    "còn cuối năm trước + phát hiện − còn cuối năm"),
                // the spots recorded with their lifecycle (drug_spot_step, verified): DOMAIN.md §6 table 2 as it is asked
                FigureRow("Điểm, tụ điểm đầu kỳ (sổ theo dõi)", f.Spots?.AtStart, f.SpotsBefore?.AtStart, SpotSource),
                FigureRow("Điểm, tụ điểm phát hiện mới (sổ theo dõi)", f.Spots?.New, f.SpotsBefore?.New, SpotSource),
                FigureRow("Điểm, tụ điểm triệt xóa (sổ theo dõi)", f.Spots?.Eliminated, f.SpotsBefore?.Eliminated, SpotSource),
                FigureRow("Điểm, tụ điểm tái hoạt động (sổ theo dõi)", f.Spots?.ReEmerged, f.SpotsBefore?.ReEmerged, SpotSource),
                FigureRow("Điểm, tụ điểm còn lại cuối kỳ (sổ theo dõi)", f.Spots?.Remaining, f.SpotsBefore?.Remaining, SpotSource),
            ],
            (f.Spots is null
                ? "Hệ thống chưa lưu trực tiếp số điểm bị triệt xóa: số triệt xóa được ước tính từ số điểm còn hoạt động đầu và cuối năm và số phát hiện trong năm."
                : "Sổ theo dõi: các bước đã được duyệt của điểm, tụ điểm ghi nhận trên hệ thống (đầu kỳ + mới + tái hoạt động − triệt xóa = còn lại). "
                  + "Dòng ước tính dựa trên báo cáo xã.") + AnnualOnly(f));
    }

    private const string SpotSource = "Sổ theo dõi điểm, tụ điểm (bước đã duyệt)";

    private static ReportTable Plants(ReportFigures f)
    {
        int y = f.Period.CalendarYear;
        var plants = f.Incidents.Where(i => i.Kind == IncidentKind.PlantSite).ToList();
        return new ReportTable("Cây có chất ma túy", $"Triệt phá cây có chứa chất ma túy, {f.Period.VietnameseLabelInText}",
            FigureColumns(f, ReportValueKind.Number),
            [
                FigureRow("Số vụ triệt phá", plants.Sum(i => i.Cases), plants.Sum(i => i.CasesBefore), FromIncidents(IncidentKind.PlantSite)),
                FigureRow("Số cây triệt phá (theo vụ việc)", plants.Sum(i => i.Plants), plants.Sum(i => i.PlantsBefore), FromIncidents(IncidentKind.PlantSite) + " (số cây)"),
                FigureRow("Diện tích triệt phá, m² (theo vụ việc)", plants.Sum(i => i.AreaM2), plants.Sum(i => i.AreaM2Before), FromIncidents(IncidentKind.PlantSite) + " (diện tích)"),
                FigureRow("Số cây triệt phá (báo cáo xã)", Sums(f, y)?.PlantsCount, Sums(f, y - 1)?.PlantsCount, Reported(IndicatorField.PlantsDestroyedCount)),
                FigureRow("Diện tích triệt phá, m² (báo cáo xã)", Sums(f, y)?.PlantsM2, Sums(f, y - 1)?.PlantsM2, Reported(IndicatorField.PlantsDestroyedM2)),
            ],
            "Diện tích phát hiện chưa được lưu, nên chưa tính được tỷ lệ triệt phá trên diện tích phát hiện." + AnnualOnly(f));
    }

    private static ReportTable People(ReportFigures f)
    {
        int y = f.Period.CalendarYear;
        return new ReportTable("Người nghiện, SDTP", $"Người nghiện, người sử dụng trái phép chất ma túy có hồ sơ quản lý, {f.Period.VietnameseLabelInText}",
            FigureColumns(f, ReportValueKind.Count),
            [
                FigureRow("Người nghiện, người sử dụng có hồ sơ quản lý (cuối kỳ)", Sums(f, y)?.UsersWithRecords, Sums(f, y - 1)?.UsersWithRecords,
                    Reported(IndicatorField.UsersAddictsManaged)),
                FigureRow("Đối tượng bị bắt giữ (báo cáo xã)", Sums(f, y)?.OffendersArrested, Sums(f, y - 1)?.OffendersArrested,
                    Reported(IndicatorField.OffendersArrested)),
                FigureRow("Đối tượng bị bắt giữ (theo vụ việc)", f.Incidents.Where(i => i.Kind == IncidentKind.Arrest).Sum(i => i.Persons),
                    f.Incidents.Where(i => i.Kind == IncidentKind.Arrest).Sum(i => i.PersonsBefore), FromIncidents(IncidentKind.Arrest) + " (số đối tượng)"),
            ],
            "Chưa lưu số người mới phát hiện, đang cai nghiện hoặc điều trị methadone." + AnnualOnly(f));
    }

    private static ReportTable Tips(ReportFigures f) => new("Tin báo, tố giác", $"Tin báo, tố giác về ma túy, {f.Period.VietnameseLabelInText}",
        FigureColumns(f, ReportValueKind.Count),
        [
            FigureRow("Tin báo, tố giác tiếp nhận", Cases(f, IncidentKind.Tip), CasesBefore(f, IncidentKind.Tip), FromIncidents(IncidentKind.Tip)),
            FigureRow("Tin báo, tố giác đã giải quyết", f.Tips?.Resolved, f.TipsBefore?.Resolved, f.Tips is null ? ReportTable.NoData : TipSource),
            FigureRow("Tin báo, tố giác tiếp nhận (sổ tin báo)", f.Tips?.Received, f.TipsBefore?.Received, f.Tips is null ? ReportTable.NoData : TipSource),
            FigureRow("Tỷ lệ giải quyết (%)", f.Tips?.RatePercent, f.TipsBefore?.RatePercent, f.Tips is null ? ReportTable.NoData : TipSource),
        ],
        f.Tips is null ? "Kết quả giải quyết tin báo chưa được lưu trong hệ thống: chưa tính được tỷ lệ giải quyết."
            : "Sổ tin báo: tin đã duyệt, tiếp nhận trong kỳ; đã giải quyết = giải quyết trước khi hết kỳ. Chỉ tiêu chung: trên 90 %.");

    private const string TipSource = "Sổ tin báo (tin đã duyệt)";

    private static ReportTable Targets(ReportFigures f)
    {
        var rows = f.Targets.Select(t => (IReadOnlyList<object?>)[t.Indicator, t.Target, t.DocumentNumber, t.Baseline, t.Actual, t.Projection,
            t.Required, t.Verdict.VietnameseLabel(), t.Source]).ToList();
        return new ReportTable("Chỉ tiêu và kết quả", $"Chỉ tiêu kế hoạch năm {f.Period.CalendarYear} và kết quả",
            [Text("Chỉ tiêu"), Text("Mức đăng ký"), Text("Văn bản"), Number("Năm trước"), Number("Thực hiện"), Number("Dự kiến cuối năm"),
                Number("Mức cần đạt"), Text("Đánh giá"), Text("Nguồn số liệu")],
            rows, rows.Count == 0 ? "Chưa có chỉ tiêu nào được đăng ký cho địa bàn này." :
                "Tỷ lệ tính bằng %; dự kiến cuối năm theo đường thẳng đến ngày lập báo cáo.");
    }

    private const string RecognitionsSheet = "Công nhận không ma túy";
    private const string CompletenessSheet = "Mức đầy đủ dữ liệu";

    private static ReportTable Recognitions(ReportFigures f)
    {
        var title = $"Công nhận địa bàn không ma túy: các bước trong {f.Period.VietnameseLabelInText}";
        if (f.RecognitionSteps is not { } steps) return ReportTable.Unavailable(RecognitionsSheet, title, "chưa đọc hồ sơ công nhận");
        var rows = steps.Select(s => (IReadOnlyList<object?>)[s.Code, s.Name, s.Action.VietnameseLabel(), s.To.VietnameseLabel(),
            VietnamDate(s.At), s.Year is { } y ? (long)y : null, s.DecisionNumber, s.DecisionDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]).ToList();
        var counts = string.Join("; ", steps.GroupBy(s => s.Action).OrderBy(g => g.Key).Select(g => $"{g.Key.VietnameseLabel()}: {g.Count()}"));
        return new ReportTable(RecognitionsSheet, title,
            [Text("Mã xã"), Text("Tên xã"), Text("Bước"), Text("Trạng thái sau bước"), Text("Ngày"), Count("Năm xét"), Text("Số quyết định"), Text("Ngày quyết định")],
            rows, rows.Count == 0 ? "Không có bước nào trong kỳ." : $"Số bước theo loại — {counts}. Nguồn: hồ sơ công nhận (recognition_step), xã thuộc địa bàn.");
    }

    private static ReportTable Completeness(ReportFigures f)
    {
        var year = f.Period.CalendarYear;
        var title = $"Mức đầy đủ số liệu năm {year}";
        if (f.Completeness is not { } c) return ReportTable.Unavailable(CompletenessSheet, title, "chưa tính mức đầy đủ số liệu theo xã");
        IReadOnlyList<object?> Row(AreaCompleteness a, string label) => [label, (long)a.Communes, (long)a.Required, (long)a.Present, a.Share,
            (long)a.OnTime, (long)a.Late, (long)a.NotReceived, (long)a.NotDue, string.Join(", ", a.Missing)];
        var rows = c.Areas.Select(a => Row(a, a.Name)).Append(Row(c.Total, "Tổng")).ToList();
        return new ReportTable(CompletenessSheet, title,
            [Text("Đơn vị"), Count("Số xã"), Count("Số liệu cần"), Count("Số liệu có"), Percent("Tỷ lệ đầy đủ"), Count("Đúng hạn"), Count("Trễ hạn"),
                Count("Chưa nhận"), Count("Chưa đến hạn"), Text("Số liệu còn thiếu")],
            rows, $"Số liệu năm của các xã còn hiệu lực cuối năm {year}: số liệu bộ tiêu chí cần và số liệu đã có; hạn nộp {c.Deadline:dd/MM/yyyy}.");
    }

    // a step's time as the date in Vietnam (UTC+7), where the procedure happens
    private static string VietnamDate(DateTimeOffset at) => VietnamTime.ToLocal(at).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Name(ReportFigures f, string code) => f.CommuneNames.GetValueOrDefault(code, code);

    private static string ChangeLabel(StatusChange change) => change switch
    {
        StatusChange.Improved => "Chuyển biến tốt",
        StatusChange.Worsened => "Xấu đi",
        StatusChange.Unchanged => "Không đổi",
        _ => "Không so sánh được",
    };

    private static string RuleLabel(PredecessorRule rule) => rule == PredecessorRule.Worst ? "nặng nhất" : "theo dân số";
}
