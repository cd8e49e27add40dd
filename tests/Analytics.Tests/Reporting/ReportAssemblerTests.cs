using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
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
    public void A_wired_recognitions_table_replaces_the_placeholder()
    {
        var wired = new ReportTable("Công nhận không ma túy", "Công nhận", [new("Xã", ReportValueKind.Text)], [["Xã A"]], null);
        var report = ReportAssembler.Assemble(Figures() with { Recognitions = wired });
        Assert.Same(wired, report.Tables.Single(t => t.SheetName == wired.SheetName));
    }
}
