using DiaBan.Analytics.Places;

namespace DiaBan.Analytics.Tests.Places;

/// <summary>The place baselines, features and cell model on small hand-made inputs (values worked by hand).</summary>
public class CellScorerTests
{
    private static readonly DateOnly From = new(2025, 3, 3);

    // 4 × 3 cells of 250 m, aligned on multiples of 250 m, commune 1 on the left half, 2 on the right
    private static GridCell[] Cells() => Enumerable.Range(0, 12)
        .Select(i => new GridCell(100 + i, 500_125 + 250 * (i % 4), 1_200_125 + 250 * (i / 4), i % 4 < 2 ? 1 : 2)).ToArray();

    private static CellScoringInput Input(IReadOnlyList<PlaceEvent> history, ForecastHorizon horizon = ForecastHorizon.Week) =>
        new(Cells(), 250, history, From, horizon);

    [Fact]
    public void Last_period_counts_the_horizon_before_the_start_in_each_cell()
    {
        PlaceEvent[] history =
        [
            new(500_010, 1_200_010, From.AddDays(-1)), new(500_200, 1_200_200, From.AddDays(-7)), // cell 0, both inside the last 7 days
            new(500_100, 1_200_100, From.AddDays(-8)), // cell 0, too old for a week
            new(500_600, 1_200_700, From.AddDays(-3)), // cell 2 + 4·2 = 10
            new(500_600, 1_200_700, From), // on the start day: not history
            new(400_000, 1_200_700, From.AddDays(-2)), // outside the grid
        ];
        var f = new LastPeriodScorer().Score(Input(history));
        Assert.Equal(12, f.Count);
        Assert.Equal(2, f[0].Score);
        Assert.Equal(1, f[10].Score);
        Assert.Equal(3, f.Sum(x => x.Score));
        Assert.Equal(100, f[0].CellId);
        // Poisson 90 % interval of mean 2: P(X ≤ 0) = 0.135 ≥ 0.05 → 0; P(X ≤ 4) = 0.947, P(X ≤ 5) = 0.983 → 5
        Assert.Equal((0.0, 5.0), (f[0].Low, f[0].High));
        var month = new LastPeriodScorer().Score(Input(history, ForecastHorizon.Month));
        Assert.Equal(3, month[0].Score); // the 31 days before 3 March (the month ahead is 31 days): all three cell-0 events
    }

    [Fact]
    public void Kde_spreads_a_year_of_incidents_over_cells_and_scales_it_to_the_horizon()
    {
        // one incident at the centre of cell 5 a month ago; bandwidth 200 m < the distance to the next centre (250 m)
        var f = new KdeHotSpotScorer(200).Score(Input([new(500_375, 1_200_375, From.AddDays(-30))]));
        // K(0) = 3/(π h²) per m², × 250² m² × 7/365
        double expected = 3 / (Math.PI * 200 * 200) * 250 * 250 * 7 / 365.0;
        Assert.Equal(expected, f[5].Score, 12);
        Assert.All(f.Where((_, i) => i != 5), x => Assert.Equal(0, x.Score));
    }

    [Fact]
    public void Features_read_only_incidents_before_the_origin()
    {
        var cells = Cells();
        var raster = new CellRaster(cells, 250);
        var context = CellFeatures.StaticOf(raster, cells, new PlaceContext([(500_375, 1_200_375)], [], []));
        PlaceEvent[] history = [new(500_375, 1_200_375, From.AddDays(-7)), new(500_375, 1_200_375, From.AddDays(-364))];
        var rows = CellFeatures.At(raster, cells, history, From, (300, 14), context);
        var later = CellFeatures.At(raster, cells, [.. history, new(500_375, 1_200_375, From), new(500_125, 1_200_125, From.AddDays(3))], From, (300, 14), context);
        Assert.Equal(rows.Select(r => r.ToArray()), later.Select(r => r.ToArray()));
        var c5 = rows[5];
        Assert.Equal(Math.Exp(-1) + Math.Exp(-52), c5[0], 5); // decay_1w: e^{-7/7} + e^{-364/7}
        Assert.Equal(Math.Exp(-7 / 364.0) + Math.Exp(-1), c5[3], 5); // decay_52w
        Assert.Equal(1, c5[4]); // near repeat: the one event within 14 days and 300 m of the centroid
        Assert.Equal(1, rows[4][4]); // the cell to the left: 250 m away
        Assert.Equal(0, rows[7][4]); // two cells right: 500 m
        Assert.Equal(0, c5[8]); // open spot at the centroid
        Assert.Equal(250, rows[4][8], 3);
        Assert.Equal(CellFeatures.DistanceCapM, c5[9]); // no businesses
        Assert.Equal(7, c5[15]); // days since the last incident
        Assert.Equal(3, c5[13]); // March
    }
}
