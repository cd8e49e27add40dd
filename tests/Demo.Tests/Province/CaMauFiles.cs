using System.Globalization;
using System.Text.Json;
using DiaBan.Demo.Province;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DiaBan.Demo.Tests.Province;

/// <summary>
/// Reads old Cà Mau (101 communes), new Cà Mau (64 units) and the crosswalk into a <see cref="DemoBoundaryInput"/>.
/// Two old features have no GSO code (Phường 4 of Cà Mau city, Xã Việt Khái): they get synthetic codes 99001, 99002
/// in commune_id order, and therefore no crosswalk row.
/// </summary>
internal static class CaMauFiles
{
    public static readonly IReadOnlyList<string> SyntheticCodes = ["99001", "99002"];

    public static readonly Lazy<DemoBoundaryInput> Input = new(Load);

    public static readonly Lazy<FeatureCollection> PreMergerFeatures = new(() => Read("communes_pre2025_ca_mau.geojson"));
    public static readonly Lazy<FeatureCollection> PostMergerFeatures = new(() => Read("communes_2025_ca_mau.geojson"));

    private static DemoBoundaryInput Load()
    {
        var unmatched = 0;
        var pre = PreMergerFeatures.Value
            .OrderBy(f => Convert.ToInt64(f.Attributes["commune_id"], CultureInfo.InvariantCulture))
            .Select(f => new DemoInputPreMergerUnit(
                f.Attributes["gso_code_2025_03"] as string ?? SyntheticCodes[unmatched++],
                (string)f.Attributes["commune_vn"],
                (int)Convert.ToDecimal(f.Attributes["population"], CultureInfo.InvariantCulture),
                f.Geometry))
            .ToArray();
        var post = PostMergerFeatures.Value
            .Select(f => new DemoInputPostMergerUnit((string)f.Attributes["code"], (string)f.Attributes["fullName"], f.Geometry))
            .ToArray();
        var crosswalk = File.ReadLines(SharedData.VnFile("crosswalk_2025_old_to_new_commune.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f[6] == "96")
            .Select(f => new DemoCrosswalkRow(f[4], f[8], f[10] == "partial" ? LineageKind.Partial : LineageKind.Full))
            .ToArray();
        return new DemoBoundaryInput
        {
            ProvinceCode = "96",
            ProvinceName = "Tỉnh Cà Mau (mô phỏng trên ranh giới thật)",
            PreMergerUnits = pre,
            PostMergerUnits = post,
            Crosswalk = crosswalk,
        };
    }

    private static FeatureCollection Read(string file)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using var stream = File.OpenRead(SharedData.VnFile(file));
        return JsonSerializer.Deserialize<FeatureCollection>(stream, options)
               ?? throw new InvalidDataException($"{file} is empty");
    }

}
