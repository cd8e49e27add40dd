using System.Globalization;

namespace DiaBan.Cli.Tests.Stats;

/// <summary>`diaban stats` on files: real Cà Mau communes checked against R spdep (tests/reference/ca_mau.json).</summary>
public class StatsFileCliTests(StatsInputFiles files) : IClassFixture<StatsInputFiles>
{
    private const double Tolerance = 1e-9;

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Gistar_z_and_p_equal_spdep_for_every_commune_in_input_order()
    {
        var run = await StatsRun.RunAsync("gistar", "--input", files.CaMau, "--field", "population");
        var rows = run.Rows();
        var z = CaMauReference.Numbers("local_g_queen_B", "gistar_z");
        var p = CaMauReference.Numbers("local_g_queen_B", "gistar_p");
        Assert.Equal(z.Length, rows.Count);
        Assert.Equal(CaMauReference.CommuneIds, rows.Select(r => r["commune_id"]));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r["feature"]));
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(z[i], D(rows[i]["z"]), Tolerance);
            Assert.Equal(p[i], D(rows[i]["p"]), Tolerance);
            var bin = int.Parse(rows[i]["bin"], CultureInfo.InvariantCulture);
            Assert.Equal(Math.Abs(z[i]) >= 2.5758 ? 3 : Math.Abs(z[i]) >= 1.96 ? 2 : Math.Abs(z[i]) >= 1.6449 ? 1 : 0, Math.Abs(bin));
        }
        var facts = run.Facts();
        Assert.Equal("false", facts["planar"]);
        Assert.Equal("province_id,district_id,commune_id,gso_code_2025_03", facts["id_columns"]);
        Assert.StartsWith("queen", facts["weights"]);
        Assert.Equal("B", facts["transform"]);
    }

    [Fact]
    public async Task Csv_output_is_plain_rfc4180_a_csv_reader_takes_as_is_and_the_description_goes_to_stderr()
    {
        // two id columns, one of them Vietnamese text: the reader must see exactly the columns and one record per commune
        var run = await StatsRun.RunAsync("gistar", "--input", files.CaMau, "--field", "population", "--id-field", "commune_id,commune_vn");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Out.Split('\n'), l => l.StartsWith('#'));
        var records = StatsRun.Read(run.Out);
        Assert.Equal(["feature", "commune_id", "commune_vn", "population", "neighbours", "g", "z", "p", "bin", "label"], records[0].Keys);
        Assert.Equal(CaMauReference.CommuneIds.Length, records.Count);
        Assert.Equal(CaMauReference.CommuneIds, records.Select(r => r["commune_id"]));
        Assert.Equal("gistar", run.Facts()["statistic"]);
        Assert.StartsWith("queen", run.Facts()["weights"]);
    }

    [Fact]
    public async Task Json_output_has_the_same_rows_and_says_how_it_was_computed()
    {
        var csv = (await StatsRun.RunAsync("gistar", "--input", files.CaMau, "--field", "population", "--fdr")).Rows();
        using var json = (await StatsRun.RunAsync("gistar", "--input", files.CaMau, "--field", "population", "--fdr", "--format", "json")).Json();
        var root = json.RootElement;
        Assert.Equal("gistar", root.GetProperty("statistic").GetString());
        Assert.False(root.GetProperty("planar").GetBoolean());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(csv.Count, features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            Assert.Equal(csv[i]["commune_id"], features[i].GetProperty("commune_id").GetString());
            Assert.Equal(D(csv[i]["z"]), features[i].GetProperty("z").GetDouble());
            Assert.Equal(int.Parse(csv[i]["bin"], CultureInfo.InvariantCulture), features[i].GetProperty("bin").GetInt32());
            Assert.Equal(csv[i]["label"], features[i].GetProperty("label").GetString());
        }
    }

    [Fact]
    public async Task Moran_prints_one_json_object_with_both_nulls_equal_to_spdep()
    {
        using var json = (await StatsRun.RunAsync("moran", "--input", files.CaMau, "--field", "population", "--permutations", "199", "--seed", "7")).Json();
        var m = json.RootElement;
        string[] keys = ["I", "expected", "variance_normality", "z_normality", "p_normality", "variance_randomisation", "z_randomisation",
            "p_randomisation", "permutations", "p_permutation", "n", "weights", "transform"];
        foreach (var key in keys) Assert.True(m.TryGetProperty(key, out _), $"moran JSON lacks '{key}'");
        Assert.Equal(CaMauReference.Number("moran_queen_W", "I"), m.GetProperty("I").GetDouble(), Tolerance);
        Assert.Equal(CaMauReference.Number("moran_queen_W", "expected"), m.GetProperty("expected").GetDouble(), Tolerance);
        Assert.Equal(CaMauReference.Number("moran_queen_W", "var_normality"), m.GetProperty("variance_normality").GetDouble(), Tolerance);
        Assert.Equal(CaMauReference.Number("moran_queen_W", "var_randomisation"), m.GetProperty("variance_randomisation").GetDouble(), Tolerance);
        Assert.Equal(CaMauReference.Number("moran_queen_W", "z_randomisation"), m.GetProperty("z_randomisation").GetDouble(), Tolerance);
        Assert.Equal(CaMauReference.Number("moran_queen_W", "p_two_sided_normality"), m.GetProperty("p_normality").GetDouble(), Tolerance);
        Assert.Equal(199, m.GetProperty("permutations").GetInt32());
        var pseudo = m.GetProperty("p_permutation").GetDouble();
        Assert.InRange(pseudo, 1.0 / 200, 1.0);
        Assert.Equal(0, pseudo * 200 % 1, 9);
        Assert.Equal("W", m.GetProperty("transform").GetString());
    }

    [Fact]
    public async Task Knn_on_lon_lat_input_is_built_on_projected_centroids_as_spdep_does()
    {
        using var json = (await StatsRun.RunAsync("moran", "--input", files.CaMau, "--field", "population", "--weights", "knn:6", "--permutations", "0")).Json();
        var m = json.RootElement;
        Assert.Equal(CaMauReference.Number("moran_knn_W", "I"), m.GetProperty("I").GetDouble(), Tolerance);
        Assert.Equal(CaMauReference.Number("moran_knn_W", "z_randomisation"), m.GetProperty("z_randomisation").GetDouble(), Tolerance);
        Assert.Contains("+proj=tmerc", m.GetProperty("weights").GetString());
    }

    [Fact]
    public async Task Band_in_metres_on_lon_lat_input_gives_spdeps_neighbour_counts()
    {
        var rows = (await StatsRun.RunAsync("gistar", "--input", files.CaMau, "--field", "population", "--weights", "band:5000")).Rows();
        var expected = CaMauReference.Cardinalities("band");
        Assert.Equal(expected, rows.Select(r => int.Parse(r["neighbours"], CultureInfo.InvariantCulture)));
        // a 5 km band links a few communes, never all of them (what a band in degrees would do)
        Assert.InRange(expected.Max(), 1, 20);
        // communes without any centroid within 5 km get no statistic and say why
        Assert.All(rows.Where(r => r["neighbours"] == "0"), r => Assert.Equal("", r["z"]));
        Assert.All(rows.Where(r => r["neighbours"] == "0"), r => Assert.Equal("Không có láng giềng", r["label"]));
    }

    [Fact]
    public async Task Local_moran_analytic_values_equal_spdep_localmoran()
    {
        var rows = (await StatsRun.RunAsync("localmoran", "--input", files.CaMau, "--field", "population", "--permutations", "0")).Rows();
        var ii = CaMauReference.Numbers("local_moran_queen_W", "Ii");
        var z = CaMauReference.Numbers("local_moran_queen_W", "Z_cond");
        var p = CaMauReference.Numbers("local_moran_queen_W", "P_cond");
        Assert.Equal(ii.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(ii[i], D(rows[i]["i"]), Tolerance);
            Assert.Equal(z[i], D(rows[i]["z"]), Tolerance);
            var cluster = int.Parse(rows[i]["cluster"], CultureInfo.InvariantCulture);
            Assert.Equal(p[i] < 0.05, cluster != 0);
        }
    }

    [Fact]
    public async Task Population_field_analyses_the_empirical_bayes_rate_as_spdep_EBImoran()
    {
        using var json = (await StatsRun.RunAsync("moran", "--input", files.WithCases, "--field", "cases", "--population-field", "population", "--permutations", "0")).Json();
        Assert.Equal(CaMauReference.Number("eb", "moran_I"), json.RootElement.GetProperty("I").GetDouble(), Tolerance);
        var rows = (await StatsRun.RunAsync("gistar", "--input", files.WithCases, "--field", "cases", "--population-field", "population")).Rows();
        var ebZ = CaMauReference.Numbers("eb", "z");
        Assert.Equal(ebZ.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++) Assert.Equal(ebZ[i], D(rows[i]["eb_z"]), Tolerance);
    }

    [Fact]
    public async Task Vn2000_input_is_reprojected_and_gives_the_same_statistics()
    {
        var run = await StatsRun.RunAsync("gistar", "--input", files.Vn2000, "--field", "population");
        var rows = run.Rows();
        Assert.Contains("EPSG:5897", run.Facts()["coordinates"]);
        var z = CaMauReference.Numbers("local_g_queen_B", "gistar_z");
        Assert.Equal(z.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++) Assert.Equal(z[i], D(rows[i]["z"]), Tolerance);
        var band = (await StatsRun.RunAsync("gi", "--input", files.Vn2000, "--field", "population", "--weights", "band:5000")).Rows();
        Assert.Equal(CaMauReference.Cardinalities("band"), band.Select(r => int.Parse(r["neighbours"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Shapefile_without_prj_is_planar_and_the_output_says_so()
    {
        var run = await StatsRun.RunAsync("gistar", "--input", files.PlanarMetres, "--field", "population", "--weights", "band:5000");
        var rows = run.Rows();
        var facts = run.Facts();
        Assert.Equal("true", facts["planar"]);
        Assert.Contains("no .prj", facts["coordinates"]);
        Assert.Contains("no .prj", run.Err);
        Assert.Equal(CaMauReference.Cardinalities("band"), rows.Select(r => int.Parse(r["neighbours"], CultureInfo.InvariantCulture)));
        using var json = (await StatsRun.RunAsync("gistar", "--input", files.PlanarMetres, "--field", "population", "--format", "json")).Json();
        Assert.True(json.RootElement.GetProperty("planar").GetBoolean());
    }

    [Fact]
    public async Task Planar_coordinates_that_look_like_degrees_refuse_distance_weights()
    {
        var run = await StatsRun.RunAsync("gistar", "--input", files.PlanarDegrees, "--field", "population", "--weights", "band:5000");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("longitude/latitude", run.Err);
        // the user can say what the file is
        var fixedRun = await StatsRun.RunAsync("gistar", "--input", files.PlanarDegrees, "--field", "population", "--weights", "band:5000", "--crs", "EPSG:4326");
        Assert.Equal(CaMauReference.Cardinalities("band"), fixedRun.Rows().Select(r => int.Parse(r["neighbours"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Kde_density_at_each_commune_equals_the_quartic_kernel_sum_over_spdeps_centroids()
    {
        const double radius = 8000;
        var rows = (await StatsRun.RunAsync("kde", "--input", files.CaMau, "--radius", "8000")).Rows();
        var centroids = CaMauReference.Root.GetProperty("centroids").EnumerateArray()
            .Select(c => (X: c[0].GetDouble(), Y: c[1].GetDouble())).ToArray();
        Assert.Equal(centroids.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            // Silverman (1986) eq. 4.5: 3/(π h²)·(1 − d²/h²)² inside h, per m² → per km²
            var expected = centroids.Sum(c =>
            {
                var d2 = (c.X - centroids[i].X) * (c.X - centroids[i].X) + (c.Y - centroids[i].Y) * (c.Y - centroids[i].Y);
                return d2 < radius * radius ? 3 / (Math.PI * radius * radius) * Math.Pow(1 - d2 / (radius * radius), 2) : 0;
            }) * 1e6;
            Assert.Equal(expected, D(rows[i]["density_per_km2"]), 1e-6);
        }
    }

    [Fact]
    public async Task Ehsa_on_a_long_table_finds_a_cluster_that_turns_hot_at_the_end()
    {
        // ten periods of 5 everywhere; commune 0 and its queen neighbours jump to 40 in the last three
        var ids = CaMauReference.CommuneIds;
        var cluster = CaMauReference.Root.GetProperty("queen")[0].EnumerateArray().Select(v => v.GetInt32()).Append(0).ToHashSet();
        var lines = new List<string> { "commune,period,incidents" };
        for (var i = 0; i < ids.Length; i++)
            for (var t = 1; t <= 10; t++)
                lines.Add($"{ids[i]},{t},{(cluster.Contains(i) && t >= 8 ? 40 : 5 + (i + t) % 3)}");
        var table = files.Write("long.csv", string.Join('\n', lines));
        var rows = (await StatsRun.RunAsync("ehsa", "--input", files.CaMau, "--table", table, "--unit-field", "commune",
            "--period-field", "period", "--value-field", "incidents", "--id-field", "commune_id")).Rows();
        Assert.Equal(ids, rows.Select(r => r["commune_id"]));
        Assert.Equal("ConsecutiveHotSpot", rows[0]["category_name"]);
        Assert.Equal("Điểm nóng liên tiếp", rows[0]["label"]);
        // communes that neither belong to the cluster nor touch it are not hot at the end
        var queen = CaMauReference.Root.GetProperty("queen").EnumerateArray().Select(n => n.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        var far = Enumerable.Range(0, ids.Length).Where(i => !cluster.Contains(i) && !queen[i].Any(cluster.Contains)).ToList();
        Assert.NotEmpty(far);
        Assert.All(far, i => Assert.True(int.Parse(rows[i]["category"], CultureInfo.InvariantCulture) <= 0, $"{rows[i]["commune_id"]} is {rows[i]["category_name"]}"));
    }

    [Fact]
    public async Task Out_writes_the_file_and_keeps_stdout_empty()
    {
        var path = files.Write("placeholder.json", "");
        var run = await StatsRun.RunAsync("localmoran", "--input", files.CaMau, "--field", "population", "--permutations", "99", "--seed", "3",
            "--format", "json", "--out", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains($"wrote {path}", run.Err);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(101, features.Count);
        // 99 permutations: pseudo p is a multiple of 1/100 and never below it
        Assert.All(features, f => Assert.InRange(f.GetProperty("p").GetDouble(), 0.01, 1));
        Assert.Contains("seed 3", json.RootElement.GetProperty("inference").GetString());
    }

    [Theory]
    [InlineData("unknown statistic", "hotspots", "--input", "x.geojson")]
    [InlineData("expected queen, rook, knn:K", "gistar", "--input", "x.geojson", "--field", "f", "--weights", "knn:0")]
    [InlineData("expected queen, rook, knn:K", "gistar", "--input", "x.geojson", "--field", "f", "--weights", "band:-5")]
    [InlineData("needs --field", "gistar", "--input", "x.geojson")]
    [InlineData("not both", "gistar", "--input", "x.geojson", "--field", "f", "--indicator", "incidents", "--year", "2024")]
    [InlineData("Must be one of", "gistar", "--input", "x.geojson", "--field", "f", "--format", "xml")]
    [InlineData("expected B (binary) or W", "gistar", "--input", "x.geojson", "--field", "f", "--transform", "R")]
    [InlineData("is before --from", "ehsa", "--from", "2024Q3", "--to", "2024Q1")]
    [InlineData("not a quarter", "ehsa", "--from", "2024-03", "--to", "2024Q4")]
    [InlineData("needs --indicator", "gistar", "--year", "2024")]
    [InlineData("is not one of", "gistar", "--indicator", "arrests", "--year", "2024")]
    [InlineData("Unrecognized command or argument '--wieghts'", "gistar", "--input", "x.geojson", "--field", "f", "--wieghts", "rook")]
    public async Task Bad_arguments_exit_2_with_a_message_before_reading_anything(string message, params string[] args)
    {
        var run = await StatsRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Err);
        Assert.Contains("diaban stats", run.Err);
    }

    [Fact]
    public async Task Bad_inputs_exit_1_naming_the_problem()
    {
        var noField = await StatsRun.RunAsync("gistar", "--input", files.CaMau, "--field", "cases");
        Assert.Equal(1, noField.ExitCode);
        Assert.Contains("no attribute 'cases'", noField.Err);
        var missingFile = await StatsRun.RunAsync("gistar", "--input", "/nonexistent/x.geojson", "--field", "population");
        Assert.Equal(1, missingFile.ExitCode);
        Assert.Contains("file not found", missingFile.Err);
        var tooMany = await StatsRun.RunAsync("gistar", "--input", files.CaMau, "--field", "population", "--weights", "knn:101");
        Assert.Equal(1, tooMany.ExitCode);
        Assert.Contains("knn:101", tooMany.Err);
    }
}
