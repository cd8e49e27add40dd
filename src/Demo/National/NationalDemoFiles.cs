using System.Globalization;
using System.Text;
using DiaBan.Demo.Province;
using DiaBan.Geo.Import;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace DiaBan.Demo.National;

/// <summary>
/// The real national layers of <c>../shared/data/vn/</c> cut into one <see cref="DemoBoundaryInput"/> per post-2025
/// province, so the province demo's simulation can be laid over each in turn (<see cref="DemoSeeder.SeedNationalAsync"/>).
/// A pre-2025 commune (basemap id as its code) goes to the new province that holds its interior point; a post-2025
/// commune to its <c>provinceCode</c>. The crosswalk (GSO codes) is joined to the basemap's communes by name —
/// province, district and commune, then province and commune where that is unique — and gives the lineage of every
/// commune it names; the others get theirs from geometry (<see cref="RealBoundaries"/>). A pre-2025 district goes to
/// the new province that holds most of its communes (a whole old province went into one new one), with the link of
/// each commune to its district from the communes file's district_id.
/// </summary>
public static class NationalDemoFiles
{
    public const string Pre2025 = "communes_pre2025_national.geojson";
    public const string Post2025 = "communes_2025_national.geojson";
    public const string Provinces2025 = "provinces_2025_national.geojson";
    public const string Crosswalk = "crosswalk_2025_old_to_new_commune.csv";
    public const string Districts = "districts_pre2025_national.geojson";

    /// <summary>Reads the five files from <paramref name="folder"/>; <paramref name="provinceCodes"/> keeps only those
    /// post-2025 provinces (a reduced national demo for tests), all 34 when null.</summary>
    public static NationalDemoInput Read(string folder, IReadOnlyCollection<string>? provinceCodes = null)
    {
        string File(string name) => Path.Combine(folder, name) is var p && System.IO.File.Exists(p) ? p
            : throw new FileNotFoundException($"national demo: {name} not found in {folder} / không tìm thấy tệp", p);
        var lonLat = new GeometryFactory(new PrecisionModel(), 4326);
        var provinces = FeatureFileReader.Read(File(Provinces2025)).Features
            .Select(f => (Code: f.GetString("code")!, Name: f.GetString("fullName") ?? f.GetString("name")!, Geometry: f.Geometry!))
            .OrderBy(p => p.Code, StringComparer.Ordinal).ToArray();
        bool Kept(int i) => provinceCodes is null || provinceCodes.Contains(provinces[i].Code);
        var prepared = provinces.Select(p => NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(p.Geometry)).ToArray();
        var index = new STRtree<int>();
        for (var i = 0; i < provinces.Length; i++) index.Insert(provinces[i].Geometry.EnvelopeInternal, i);
        index.Build();

        var crosswalk = CrosswalkByName(File(Crosswalk));
        var pre = FeatureFileReader.Read(File(Pre2025));
        var preByProvince = provinces.Select(_ => new List<DemoInputPreMergerUnit>()).ToArray();
        var oldCodes = new Dictionary<string, string>(StringComparer.Ordinal); // basemap id → GSO code
        int matched = 0, all = 0;
        foreach (var f in pre.Features)
        {
            if (f.Geometry is null || f.Geometry.IsEmpty) continue;
            var code = f.GetString("commune_id")!;
            var name = f.GetString("commune_vn") ?? $"(không tên) {code}";
            var at = f.Geometry.InteriorPoint;
            var province = index.Query(at.EnvelopeInternal).Where(i => prepared[i].Covers(at)).DefaultIfEmpty(-1).Min();
            // an island or a coastal commune the post-2025 layer's coastline leaves out: the nearest province within ~5 km
            if (province < 0 && provinces.Length > 0)
            {
                var nearest = Enumerable.Range(0, provinces.Length).MinBy(i => provinces[i].Geometry.Distance(at));
                if (provinces[nearest].Geometry.Distance(at) < 0.05) province = nearest;
            }
            if (province < 0 || !Kept(province)) continue; // outside the kept provinces
            all++;
            if (crosswalk.Find(f.GetString("province_vn"), f.GetString("district_vn"), name) is { } gso) { oldCodes[code] = gso; matched++; }
            preByProvince[province].Add(new DemoInputPreMergerUnit(code, name,
                (int)Math.Round(Math.Max(0, f.GetDouble("population") ?? 0)), f.Geometry, f.GetString("district_id")));
        }

        var post = FeatureFileReader.Read(File(Post2025)).Features
            .Select(f => (Province: f.GetString("provinceCode"), Unit: new DemoInputPostMergerUnit(
                f.GetString("code")!, f.GetString("fullName") ?? f.GetString("name")!, f.Geometry!)))
            .ToLookup(p => p.Province, p => p.Unit, StringComparer.Ordinal);

        // each district to the new province holding most of its communes
        var districtProvince = preByProvince.SelectMany((units, i) => units.Where(u => u.DistrictCode is not null).Select(u => (u.DistrictCode!, i)))
            .GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.GroupBy(x => x.i).MaxBy(h => h.Count())!.Key);
        var districtsByProvince = provinces.Select(_ => new List<DemoInputDistrict>()).ToArray();
        var districtFeatures = FeatureFileReader.Read(File(Districts)).Features.Where(f => f.Geometry is { IsEmpty: false }).ToArray();
        // the basemap draws a district over its neighbour (Hòa Vang over Liên Chiểu): cut the smaller out
        var districtGeometries = districtFeatures.Select(f => f.Geometry!).ToArray();
        NestedUnits.CutOut(districtGeometries);
        for (var k = 0; k < districtFeatures.Length; k++)
        {
            var f = districtFeatures[k];
            var code = f.GetString("district_id");
            if (code is null || !districtProvince.TryGetValue(code, out var province)) continue;
            districtsByProvince[province].Add(new DemoInputDistrict(code, f.GetString("district_vn") ?? $"Huyện {code}",
                (int)Math.Round(Math.Max(0, f.GetDouble("population") ?? 0)), districtGeometries[k]));
        }

        var inputs = provinces.Select((p, i) => new DemoBoundaryInput
        {
            Districts = districtsByProvince[i],
            ProvinceCode = p.Code,
            ProvinceName = p.Name,
            PreMergerUnits = preByProvince[i],
            PostMergerUnits = post[p.Code].ToArray(),
            // the crosswalk's rows under the basemap's codes
            Crosswalk = preByProvince[i]
                .SelectMany(u => oldCodes.TryGetValue(u.Code, out var gso) ? crosswalk.Rows(gso).Select(r => r with { OldCode = u.Code }) : [])
                .ToArray(),
        }).Where((p, i) => Kept(i) && p.PreMergerUnits.Count > 0 && p.PostMergerUnits.Count > 0).ToArray();
        return new NationalDemoInput(inputs, all, matched);
    }

    private static CrosswalkIndex CrosswalkByName(string path)
    {
        var table = TableFile.Read(path);
        table.RequireColumns("old_province_name", "old_district_name", "old_commune_code", "old_commune_name", "new_commune_code", "merge_type");
        var index = new CrosswalkIndex();
        foreach (var r in table.Rows)
        {
            var kind = r.Get("merge_type") == "partial" ? LineageKind.Partial : LineageKind.Full;
            index.Add(r.Get("old_province_name"), r.Get("old_district_name"), r.Get("old_commune_name"),
                new DemoCrosswalkRow(r.Get("old_commune_code")!, r.Get("new_commune_code")!, kind));
        }
        return index;
    }

    /// <summary>Lower case, NFC, single spaces; with <paramref name="prefix"/> false also without the administrative
    /// prefix ("Tỉnh", "Thành phố", "Quận", "Huyện", "Thị xã": a district's kind may have changed since the basemap).</summary>
    internal static string Key(string? name, bool prefix = false)
    {
        var s = string.Join(' ', (name ?? "").Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (!prefix)
            foreach (var p in Prefixes)
                if (s.StartsWith(p + " ", StringComparison.Ordinal)) { s = s[(p.Length + 1)..]; break; }
        return s;
    }

    private static readonly string[] Prefixes = ["thành phố", "tỉnh", "thị xã", "quận", "huyện"];

    private sealed class CrosswalkIndex
    {
        private readonly Dictionary<string, List<DemoCrosswalkRow>> _byCode = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string, string), string> _full = [];
        private readonly Dictionary<(string, string), string?> _short = []; // null: the name repeats in the province

        public void Add(string? province, string? district, string? commune, DemoCrosswalkRow row)
        {
            if (!_byCode.TryGetValue(row.OldCode, out var rows)) _byCode[row.OldCode] = rows = [];
            rows.Add(row);
            // the commune keeps its prefix: "Phường 1" and "Xã 1" differ
            var name = (Key(province), Key(commune, prefix: true));
            _full.TryAdd((name.Item1, Key(district), name.Item2), row.OldCode);
            _short[name] = _short.TryGetValue(name, out var seen) && seen != row.OldCode ? null : row.OldCode;
        }

        public string? Find(string? province, string? district, string commune) =>
            _full.GetValueOrDefault((Key(province), Key(district), Key(commune, prefix: true)))
            ?? _short.GetValueOrDefault((Key(province), Key(commune, prefix: true)));

        public IReadOnlyList<DemoCrosswalkRow> Rows(string oldCode) => _byCode.GetValueOrDefault(oldCode) ?? [];
    }
}

/// <summary>One boundary input per post-2025 province; how many pre-2025 communes the crosswalk named by name.</summary>
public sealed record NationalDemoInput(IReadOnlyList<DemoBoundaryInput> Provinces, int PreMergerUnits, int CrosswalkMatched);
