using DiaBan.Cli.Stats;

namespace DiaBan.Cli.Tests.Stats;

/// <summary>The stats CSV is RFC 4180: fields with commas, quotes or line breaks come back intact through a CSV reader.</summary>
public class StatsTableTests
{
    [Fact]
    public void Fields_that_need_quoting_round_trip_and_the_facts_go_to_the_description_writer()
    {
        var table = new StatsTable(["name", "z", "label"]);
        table.Fact("statistic", "gistar");
        table.Note("1 feature(s) have no neighbours");
        table.Add("Xã Tân Hưng, huyện Cái Nước", 1.5, "say \"hot\"");
        table.Add("line\nbreak", double.NaN, "");
        var @out = new StringWriter();
        var description = new StringWriter();

        table.Write(@out, "csv", description);

        var rows = StatsRun.Read(@out.ToString());
        Assert.Equal(2, rows.Count);
        Assert.Equal(["name", "z", "label"], rows[0].Keys);
        Assert.Equal("Xã Tân Hưng, huyện Cái Nước", rows[0]["name"]);
        Assert.Equal("say \"hot\"", rows[0]["label"]);
        Assert.Equal("line\nbreak", rows[1]["name"]);
        Assert.Equal("", rows[1]["z"]);
        Assert.Equal($"statistic: gistar{Environment.NewLine}note: 1 feature(s) have no neighbours{Environment.NewLine}", description.ToString());
    }
}
