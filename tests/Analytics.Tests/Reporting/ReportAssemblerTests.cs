using System.Globalization;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Planning.Completeness;
using DiaBan.Analytics.Reporting;

namespace DiaBan.Analytics.Tests.Reporting;

public sealed class ReportAssemblerTests
{
    private static ReportFigures Figures(bool annual = true)
    {
        var transitions = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = 2025,
            ToYear = 2026,
            From = [new("A", CommuneStatus.KeyTypeII), new("B", CommuneStatus.HasDrugs), new("C", CommuneStatus.HasDrugs)],
            To = [new("A", CommuneStatus.KeyTypeIII), new("B", CommuneStatus.KeyTypeI), new("C", CommuneStatus.DrugFree)],
        });
        return new ReportFigures
        {
            Period = annual ? ReportPeriod.Year(2026) : ReportPeriod.Half(2026, 1),
            AreaName = "Tỉnh Thử",
            GeneratedAt = DateTimeOffset.UnixEpoch,
            Statuses = [new(CommuneStatus.DrugFree, 1, 0), new(CommuneStatus.HasDrugs, 0, 2), new(CommuneStatus.KeyTypeI, 1, 0), new(null, 1, 1)],
            Transitions = transitions,
            CommuneNames = new Dictionary<string, string> { ["A"] = "Xã A", ["B"] = "Xã B", ["C"] = "Xã C" },
            Incidents = [new(IncidentKind.Arrest, 10, 14, 0, 0, 8, 9, 0, 0), new(IncidentKind.UseSite, 3, 3, 0, 0, 0, 0, 0, 0),
                new(IncidentKind.Tip, 5, 5, 0, 0, 4, 4, 0, 0)],
            Indicators = new Dictionary<int, IndicatorSums>
            {
                [2026] = new(120, 7, 4, 100, 50.5, 14),
                [2025] = new(100, 6, 5, 80, 40, 9),
                [2024] = new(90, 5, 6, null, null, 8),
            },
            Targets = [],
        };
    }

    private static ReportTable Table(Report report, string sheet) => report.Tables.Single(t => t.SheetName == sheet);

    [Fact]
    public void Status_table_counts_each_status_with_its_change_share_and_a_total()
    {
        var table = Table(ReportAssembler.Assemble(Figures()), "Trạng thái địa bàn");
        Assert.Equal(["Không ma túy", 1L, 0L, 1L, 1 / 3.0], table.Rows[0]);
        Assert.Equal(["Tổng số xã", 3L, 3L, 0L, 1.0], table.Rows[^1]);
        Assert.Equal(ReportValueKind.Percent, table.Columns[^1].Kind);
    }

    [Fact]
    public void Transition_matrix_rows_sum_to_the_communes_and_key_list_holds_only_key_communes()
    {
        var report = ReportAssembler.Assemble(Figures());
        var matrix = Table(report, "Chuyển đổi trạng thái");
        Assert.Equal(3L, matrix.Rows[^1][^1]);
        Assert.Equal(3L, matrix.Rows.Take(matrix.Rows.Count - 1).Sum(r => (long)r[^1]!));
        var key = Table(report, "Xã trọng điểm");
        Assert.Equal(["B", "A"], key.Rows.Select(r => (string)r[0]!));
        Assert.Equal("Xấu đi", key.Rows[0][4]);
        var changes = Table(report, "Xã thay đổi trạng thái");
        Assert.Equal(3, changes.Rows.Count);
    }

    [Fact]
    public void Spots_eliminated_are_estimated_from_the_stocks_and_only_in_an_annual_report()
    {
        var annual = Table(ReportAssembler.Assemble(Figures()), "Điểm, tụ điểm");
        // start 5 + found 7 − end 4 = 8; last year: 6 + 6 − 5 = 7
        Assert.Equal(8.0, annual.Rows[3][1]);
        Assert.Equal(7.0, annual.Rows[3][2]);
        Assert.Equal(3.0, annual.Rows[0][1]);
        var half = Table(ReportAssembler.Assemble(Figures(annual: false)), "Điểm, tụ điểm");
        Assert.Null(half.Rows[3][1]);
        Assert.Equal(3.0, half.Rows[0][1]);
        Assert.Contains("6 tháng", half.Note);
    }

    [Fact]
    public void Missing_sources_give_a_table_that_says_no_data_instead_of_a_number()
    {
        var report = ReportAssembler.Assemble(Figures());
        var recognitions = Table(report, "Công nhận không ma túy");
        Assert.StartsWith(ReportTable.NoData, (string)recognitions.Rows.Single()[0]!);
        var tips = Table(report, "Tin báo, tố giác");
        Assert.Null(tips.Rows[1][1]);
        Assert.Equal(5.0, tips.Rows[0][1]);
        Assert.Equal(0.25, (double)tips.Rows[0][3]!, 6);
    }

    [Fact]
    public void Recognition_steps_and_completeness_become_tables_with_typed_numbers()
    {
        var steps = new RecognitionStepFigure[]
        {
            new("00001", "Xã A", RecognitionAction.Propose, RecognitionState.Proposed, new DateTimeOffset(2026, 1, 12, 20, 0, 0, TimeSpan.Zero), 2025, null, null),
            new("00001", "Xã A", RecognitionAction.Recognise, RecognitionState.Recognised, new DateTimeOffset(2026, 1, 20, 2, 0, 0, TimeSpan.Zero), null,
                "26/QĐ-UBND", new DateOnly(2026, 1, 20)),
        };
        var area = new AreaCompleteness("01", "Huyện A", 2, 10, 8, 0.8, 1, 1, 0, 0, ["population_resident"]);
        var completeness = new CompletenessReport(2026, new DateOnly(2027, 1, 15), area with { Code = "", Name = "Tổng" }, [area], []);
        var report = ReportAssembler.Assemble(Figures() with { RecognitionSteps = steps, Completeness = completeness });

        var recognitions = Table(report, "Công nhận không ma túy");
        Assert.Equal(2, recognitions.Rows.Count);
        Assert.Equal("13/01/2026", recognitions.Rows[0][4]); // 20:00 UTC is the next morning in Vietnam
        Assert.Equal(2025L, recognitions.Rows[0][5]);
        Assert.Equal("26/QĐ-UBND", recognitions.Rows[1][6]);
        var table = Table(report, "Mức đầy đủ dữ liệu");
        Assert.Equal(["Huyện A", "Tổng"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal(0.8, table.Rows[^1][4]);
        Assert.Equal(ReportValueKind.Percent, table.Columns[4].Kind);
        Assert.Equal(10L, table.Rows[^1][2]);
    }

    [Fact]
    public void Source_column_names_commune_reported_figures_for_a_reader_in_the_page_language()
    {
        // the walkthrough found "unit_indicator.users_addicts_managed" there: the column shows the indicator's label
        // (IndicatorLabels.resx, the same as the figures form), Vietnamese by default and English on the switch
        static IReadOnlyList<string> Sources(Report r) => r.Tables.Where(t => t.Columns.Count > 0 && t.Columns[^1].Header == "Nguồn số liệu")
            .SelectMany(t => t.Rows).Select(row => row[^1] as string ?? "").ToList();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
            var vi = Sources(ReportAssembler.Assemble(Figures()));
            Assert.DoesNotContain(vi, s => s.Contains("unit_indicator", StringComparison.Ordinal));
            // nor a table or column name of the incident, spot and tip records
            Assert.DoesNotContain(vi, s => s.Contains('_') || s.Contains("incident", StringComparison.Ordinal) || s.StartsWith("tip", StringComparison.Ordinal));
            Assert.Contains("Vụ việc: Điểm tổ chức, chứa chấp sử dụng + Điểm mua bán", vi);
            Assert.Contains("Người nghiện, SDTP có hồ sơ quản lý", vi);
            Assert.Contains("Địa điểm chứa chấp phát hiện trong kỳ", vi);
            Assert.Contains("Diện tích cây bị triệt phá (m²)", vi);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var en = Sources(ReportAssembler.Assemble(Figures()));
            Assert.Contains("Managed users and addicts", en);
            Assert.Contains("Drug offenders arrested", en);
            Assert.DoesNotContain("Người nghiện, SDTP có hồ sơ quản lý", en);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Every_indicator_field_has_a_vietnamese_and_an_english_label()
    {
        foreach (var field in IndicatorFieldInfo.Singles)
        {
            var vi = field.Label(CultureInfo.GetCultureInfo("vi-VN"));
            var en = field.Label(CultureInfo.GetCultureInfo("en"));
            Assert.NotEqual(field.ColumnName(), vi);
            Assert.NotEqual(field.ColumnName(), en);
            Assert.NotEqual(vi, en);
            Assert.Equal(field, IndicatorFieldInfo.FromColumnName(field.ColumnName()));
        }
        Assert.Null(IndicatorFieldInfo.FromColumnName("unit_code"));
    }
}
