using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.Json;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Places;
using DiaBan.Analytics.Risk;
using DiaBan.Web.Risk;
using Microsoft.Extensions.Localization;

namespace DiaBan.Web.Tests.Risk;

/// <summary>
/// Reasons and patrol explanations are worded in the UI's language: Vietnamese exactly as before reasons became data,
/// English when the UI is English, and every feature code the models can give has words in both.
/// </summary>
public sealed class ReasonTextTests
{
    private readonly PatrolAssignmentText _explain = ReasonTexts.Assignments();

    private RiskReasonText Reasons => _explain.Reasons;

    private static RiskReason Adjusted(string feature, double value) => new(feature, value, 1) { ExposureAdjusted = true };

    [Fact]
    public void Commune_reasons_read_in_vietnamese_as_before_and_in_english_when_the_ui_is_english()
    {
        (RiskReason Reason, string Vi, string En)[] cases =
        [
            (Adjusted("active_use_sites", 3), "3 điểm sử dụng trái phép đang hoạt động", "3 active illegal use sites"),
            (Adjusted("rising_streak", 4), "số vụ tăng 4 quý liên tiếp", "incidents rising 4 quarters in a row"),
            (Adjusted("route_distance_km", 1.5), "cách tuyến trọng điểm về ma túy 1,5 km", "1.5 km from a key drug route"),
            (Adjusted("status_last_year", CommuneStatus.DrugFree.Severity()), "năm trước: không ma túy", "last year: drug-free"),
            (Adjusted("tip_4q", 12), "12 tin báo, tố giác trong 4 quý gần nhất", "12 tips and reports in the last 4 quarters"),
            (Adjusted("arrest_1q", 2), "2 vụ bắt giữ (đã hiệu chỉnh theo mức tuần tra) trong quý gần nhất",
                "2 arrests (adjusted for patrol effort) in the last quarter"),
            (new RiskReason("arrest_1q", 2, 1), "2 vụ bắt giữ trong quý gần nhất", "2 arrests in the last quarter"),
            // one of a kind reads in the singular in English; Vietnamese has no plural
            (new RiskReason("arrest_1q", 1, 1), "1 vụ bắt giữ trong quý gần nhất", "1 arrest in the last quarter"),
            (new RiskReason("use_site_4q", 1, 1), "1 điểm sử dụng trái phép bị phát hiện trong 4 quý gần nhất", "1 illegal use site found in the last 4 quarters"),
            (new RiskReason("tip_2q", 1, 1), "1 tin báo, tố giác trong 2 quý gần nhất", "1 tip or report in the last 2 quarters"),
            (Adjusted("mann_kendall_z_8q", 2.74), "xu hướng tăng có ý nghĩa thống kê (Mann–Kendall z = 2,74)",
                "statistically significant rising trend (Mann–Kendall z = 2.74)"),
            (Adjusted("population_density", 1234.5), "mật độ dân số 1.235 người/km²", "population density 1,235 people/km²"),
        ];
        foreach (var (reason, vi, en) in cases)
        {
            Assert.Equal(vi, ReasonTexts.In("vi-VN", () => Reasons.Render(reason)));
            Assert.Equal(en, ReasonTexts.In("en", () => Reasons.Render(reason)));
        }
    }

    [Fact]
    public void Cell_reasons_read_in_vietnamese_as_before_and_in_english_when_the_ui_is_english()
    {
        (RiskReason Reason, string Vi, string En)[] cases =
        [
            (new("route_m", 300, 1), "Gần tuyến đường trọng điểm (cách 300 m)", "Near a key route (300 m away)"),
            (new("open_spot_m", 5000, 1), "Gần tụ điểm ma túy đang theo dõi (xa)", "Near a drug spot under watch (far)"),
            (new("decay_4w", 2.5, 1), "Vụ việc trong ô 4 tuần qua (2,5 vụ)", "Incidents in the cell in the past 4 weeks (2.5 incidents)"),
            (new("days_to_tet", -3, 1), "Gần Tết Nguyên Đán (đã qua 3 ngày)", "Close to Tết (Lunar New Year) (3 days past)"),
            (new("recent_count", 1.5, 1), "Có vụ việc gần đây trong ô (trọng số suy giảm 1,5)", "Recent incidents in the cell (decayed weight 1.5)"),
        ];
        foreach (var (reason, vi, en) in cases)
        {
            Assert.Equal(vi, ReasonTexts.In("vi-VN", () => Reasons.Render(reason)));
            Assert.Equal(en, ReasonTexts.In("en", () => Reasons.Render(reason)));
        }
    }

    [Fact]
    public void The_commune_patrol_assignment_reads_in_the_ui_language()
    {
        IReadOnlyList<RiskReason> reasons = [Adjusted("active_use_sites", 2), Adjusted("rising_streak", 4)];
        var priority = new PatrolAssignment(1, "C1", 0, false, 1, 0.95, 0.012, 0, 10, 3, 30, 0.2, reasons);
        Assert.Equal("Ưu tiên theo nguy cơ (hạng 1/30): xác suất có vụ vi phạm quý tới 95% (±1 điểm %), dự báo 3 vụ. "
                     + "Lý do: 2 điểm sử dụng trái phép đang hoạt động; số vụ tăng 4 quý liên tiếp.",
            ReasonTexts.In("vi-VN", () => _explain.Commune(priority)));
        Assert.Equal("Risk priority (rank 1/30): probability of an offence next quarter 95% (±1 percentage points), forecast 3 incidents. "
                     + "Reasons: 2 active illegal use sites; incidents rising 4 quarters in a row.",
            ReasonTexts.In("en", () => _explain.Commune(priority)));

        var explore = priority with { Rank = 9, Exploration = true, RiskRank = 25, Probability = 0.2, ProbabilitySd = 0.2, QuartersSinceLastPatrol = 8 };
        Assert.Equal("Tuần tra thăm dò (phần 20% năng lực dành cho xã xếp hạng thấp hơn, bốc thăm có trọng số): 8 quý chưa có tuần tra; "
                     + "độ bất định ±20 điểm %; xếp hạng nguy cơ 25/30, xác suất có vụ vi phạm quý tới 20% (±20 điểm %).",
            ReasonTexts.In("vi-VN", () => _explain.Commune(explore)));
        Assert.StartsWith("Exploratory patrol (the 20% of capacity kept for lower-ranked communes, weighted draw): 8 quarters without a patrol;",
            ReasonTexts.In("en", () => _explain.Commune(explore)));
    }

    [Fact]
    public void The_cell_patrol_assignment_and_its_shift_note_read_in_the_ui_language()
    {
        var priority = new CellAssignment(1, new CellForecast(1, 40, 38, 42, [new RiskReason("decay_4w", 2.5, 1)]), false, 1, 40, 1, 0.2);
        Assert.Equal("Ưu tiên theo nguy cơ (hạng 1/40): dự báo 40 vụ (khoảng 38–42). Lý do: Vụ việc trong ô 4 tuần qua (2,5 vụ).",
            ReasonTexts.In("vi-VN", () => _explain.Cell(priority)));
        Assert.Equal("Risk priority (rank 1/40): forecast 40 incidents (range 38–42). Reasons: Incidents in the cell in the past 4 weeks (2.5 incidents).",
            ReasonTexts.In("en", () => _explain.Cell(priority)));

        var explore = new CellAssignment(10, new CellForecast(30, 0.004, 0, 0.25, []), true, 30, 40, null, 0.2);
        Assert.Equal("Tuần tra thăm dò (phần 20% số ô dành cho ô xếp hạng thấp hơn, bốc thăm có trọng số): chưa ghi nhận tuần tra ở ô này; "
                     + "xếp hạng nguy cơ 30/40, dự báo dưới 0,01 vụ (khoảng 0–0,25).",
            ReasonTexts.In("vi-VN", () => _explain.Cell(explore)));
        Assert.Equal("Exploratory patrol (the 20% of cells kept for lower-ranked cells, weighted draw): no patrol recorded in this cell; "
                     + "risk rank 30/40, forecast under 0.01 incidents (range 0–0.25).",
            ReasonTexts.In("en", () => _explain.Cell(explore)));

        var quiet = priority with { Forecast = new CellForecast(1, 1.234, 0.5, 2, []) };
        var night = new ShiftNote(new ShiftShare(new Shift(22, 6), 40, 60, 40.0 / 60, 0.62), ShiftBasis.Commune, Week: false);
        Assert.Equal("Ưu tiên theo nguy cơ (hạng 1/40): dự báo 1,23 vụ (khoảng 0,5–2). Chưa có vụ việc ghi nhận gần đây trong ô. "
                     + "Ca 22:00–06:00: dự báo = dự báo cả ngày × 62%, vì 40/60 vụ có giờ trong xã xảy ra trong ca này (làm trơn về mức đều 8/24 giờ).",
            ReasonTexts.In("vi-VN", () => _explain.Cell(quiet, night)));
        Assert.Equal("Risk priority (rank 1/40): forecast 1.23 incidents (range 0.5–2). No incident recorded in the cell recently. "
                     + "Shift 22:00–06:00: forecast = the whole day forecast × 62%, because 40/60 timed incidents in the commune happened in this shift "
                     + "(smoothed towards the even 8/24 hours).",
            ReasonTexts.In("en", () => _explain.Cell(quiet, night)));
    }

    /// <summary>Every code a model can put in a reason (both guards' commune catalogues, the cell model, the recent-count baseline).</summary>
    public static IReadOnlyList<string> AllFeatureCodes() =>
    [
        .. RiskFeatureCatalog.For(FeedbackGuard.ExposureAdjusted).Select(f => f.Name),
        .. RiskFeatureCatalog.For(FeedbackGuard.None).Select(f => f.Name),
        .. CellFeatures.All.Select(f => f.Name),
        new RecentCountScorer().Name,
    ];

    [Fact]
    public void Every_feature_code_has_its_own_words_in_both_languages()
    {
        var codes = AllFeatureCodes().Distinct().ToList();
        Assert.Equal(RiskFeatureCatalog.For(FeedbackGuard.ExposureAdjusted).Count + CellFeatures.Count + 1, codes.Count); // commune and cell codes are disjoint
        var localizer = new MissingKeys(ReasonTexts.Localizer());
        var text = new RiskReasonText(localizer);
        foreach (var code in codes)
        {
            Assert.True(text.Knows(code), $"no words for the feature '{code}': add it to RiskReasonText and Resources/ReasonStrings*.resx");
            foreach (var value in new[] { -13, -2, -0.5, 0, 0.004, 0.5, 1, 2.74, 12, 60, 6000 })
                foreach (var adjusted in new[] { false, true })
                {
                    var reason = new RiskReason(code, value, 1) { ExposureAdjusted = adjusted };
                    string vi = ReasonTexts.In("vi-VN", () => text.Render(reason)), en = ReasonTexts.In("en", () => text.Render(reason));
                    Assert.False(string.IsNullOrWhiteSpace(vi) || string.IsNullOrWhiteSpace(en), code);
                    Assert.False(vi.StartsWith(code + " (", StringComparison.Ordinal) || en.StartsWith(code + " (", StringComparison.Ordinal), code); // the fallback "code (value)"
                    Assert.NotEqual(vi, en);
                }
        }
        Assert.Empty(localizer.Missing);

        // and the English set has every key the Vietnamese (neutral) one has, so English never falls back to Vietnamese
        var resources = new ResourceManager("DiaBan.Web.Resources.ReasonStrings", typeof(ReasonStrings).Assembly);
        var neutral = Keys(resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!);
        var englishKeys = Keys(resources.GetResourceSet(CultureInfo.GetCultureInfo("en"), true, false)!);
        Assert.NotEmpty(neutral);
        Assert.Equal(neutral.Order(), englishKeys.Order());
        // nothing left untranslated: only the pure formats ("{0} {1} {2}", "{0} ({1})") read the same
        var english = CultureInfo.GetCultureInfo("en");
        Assert.Equal(["CellReason", "Count"], neutral.Where(k => resources.GetString(k, CultureInfo.InvariantCulture) == resources.GetString(k, english)).Order());
    }

    [Fact]
    public void Risk_geojson_reasons_get_their_text_in_the_request_language_and_the_rest_is_kept()
    {
        const string stored = """
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[105.85,21.03]},
            "properties":{"code":"00001","name":"Xã \"reasons\": [1]","probability":0.4200,"statusWorsenProbability":null,"reasons" : [
            {"feature":"active_use_sites","value":3,"contribution":0.5,"exposureAdjusted":true},
            {"feature":"rising_streak","value":4,"contribution":0.2,"text":"văn bản cũ"}]}}]}
            """;
        var vi = JsonDocument.Parse(ReasonTexts.In("vi-VN", () => RiskReasonJson.WithTexts(stored, Reasons))).RootElement;
        var en = JsonDocument.Parse(ReasonTexts.In("en", () => RiskReasonJson.WithTexts(stored, Reasons))).RootElement;
        var p = vi.GetProperty("features")[0].GetProperty("properties");
        Assert.Equal(["3 điểm sử dụng trái phép đang hoạt động", "số vụ tăng 4 quý liên tiếp"],
            p.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
        Assert.Equal(["3 active illegal use sites", "incidents rising 4 quarters in a row"],
            en.GetProperty("features")[0].GetProperty("properties").GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
        Assert.Equal("Xã \"reasons\": [1]", p.GetProperty("name").GetString()); // a name that looks like the key is left alone
        Assert.Equal(0.42, p.GetProperty("probability").GetDouble());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("statusWorsenProbability").ValueKind);
        Assert.Equal(0.5, p.GetProperty("reasons")[0].GetProperty("contribution").GetDouble());
        Assert.Equal(105.85, vi.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.Single(p.GetProperty("reasons")[1].EnumerateObject(), x => x.Name == "text");
    }

    private static List<string> Keys(ResourceSet set) => set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();

    // records every key the renderer asked for that the resources lack
    private sealed class MissingKeys(IStringLocalizer<ReasonStrings> inner) : IStringLocalizer<ReasonStrings>
    {
        public List<string> Missing { get; } = [];

        public LocalizedString this[string name] => Check(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Check(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Check(LocalizedString s)
        {
            if (s.ResourceNotFound) Missing.Add(s.Name);
            return s;
        }
    }
}
