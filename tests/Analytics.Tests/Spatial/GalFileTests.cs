using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Tests.Spatial;

public class GalFileTests
{
    [Fact]
    public void Reads_the_GAL_file_spdep_wrote_for_columbus_queen()
    {
        using var reader = File.OpenText(Path.Combine(Reference.Folder, "columbus_queen.gal"));
        var gal = GalFile.Read(reader);
        Assert.Equal(Enumerable.Range(1, 49).Select(i => i.ToString()), gal.Ids);
        ContiguityTests.AssertSameLists(Reference.Load("columbus").GetProperty("queen").NeighbourLists(), gal.Weights);
    }

    [Fact]
    public void Writing_then_reading_keeps_neighbours_ids_and_islands()
    {
        var weights = SpatialWeights.FromNeighbours([[1], [0, 2], [1], []], IslandPolicy.ZeroLag);
        var ids = new[] { "CM01", "CM02", "CM03", "CM04" };
        var writer = new StringWriter();
        GalFile.Write(writer, weights, ids, "ca_mau", "gso_code");
        var text = writer.ToString();
        Assert.StartsWith("0 4 ca_mau gso_code\nCM01 1\nCM02\n", text);
        var back = GalFile.Read(new StringReader(text), IslandPolicy.ZeroLag);
        Assert.Equal(ids, back.Ids);
        ContiguityTests.AssertSameLists([[1], [0, 2], [1], []], back.Weights);
        Assert.Equal([3], back.Weights.Islands);
    }

    [Fact]
    public void Old_style_header_with_only_the_count_is_accepted()
    {
        var gal = GalFile.Read(new StringReader("3\n1 1\n2\n2 2\n1 3\n3 1\n2\n"));
        ContiguityTests.AssertSameLists([[1], [0, 2], [1]], gal.Weights);
    }

    [Fact]
    public void A_neighbour_id_that_is_not_a_unit_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => GalFile.Read(new StringReader("2\n1 1\n7\n2 1\n1\n")));
    }
}
