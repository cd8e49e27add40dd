using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>
/// Deterministic demo data: a simulated province (synthetic Voronoi boundaries by default, or real boundaries given
/// in a <see cref="DemoBoundaryInput"/>) with the 2025 merger, key routes, incidents 2019-01-01..2026-09-30,
/// conditional businesses and yearly unit figures consistent with the incidents. Same seed, same output.
/// </summary>
public static class DemoProvinceGenerator
{
    private const string SyntheticStory =
        "Dữ liệu mô phỏng: 3 phường đông dân là điểm nóng ổn định; một cụm 4 xã liền kề gần như không có vụ việc đến hết 2023 rồi tăng "
        + "mỗi quý từ 2024 (điểm nóng mới nổi); một cụm 4 xã khác cao trong 2019–2021 rồi giảm về gần 0 từ 2024 (điểm nóng suy giảm); "
        + "vụ việc tăng quanh Tết, dọc các tuyến trọng điểm và quanh cơ sở kinh doanh có điều kiện.";

    /// <summary>The synthetic demo province: about 100 pre-merger units merged into about 35 on 1/7/2025.</summary>
    public static DemoProvince Generate(DemoProvinceOptions? options = null)
    {
        options ??= new DemoProvinceOptions();
        var boundaries = SyntheticBoundaries.Build(options, new Random(options.Seed), LonLat());
        return Simulate(boundaries, options);
    }

    /// <summary>The same simulation laid over real boundaries (e.g. Cà Mau before and after the merger).</summary>
    public static DemoProvince Generate(DemoBoundaryInput input, DemoProvinceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new DemoProvinceOptions();
        return Simulate(RealBoundaries.Build(input, LonLat()), options);
    }

    private static GeometryFactory LonLat() => new(new PrecisionModel(), 4326);

    // each stage draws from its own stream, so changing one stage leaves the others' draws unchanged
    private static DemoProvince Simulate(DemoBoundaries boundaries, DemoProvinceOptions options)
    {
        var seed = options.Seed;
        var centre = boundaries.Province.Centroid;
        var frame = new LocalMetricFrame(centre.X, centre.Y, (GeometryFactory)boundaries.Province.Factory);
        var routes = RoutePlanner.Plan(boundaries, frame, new Random(seed + 2))
            .Select(r => (Route: r, Metres: (LineString)frame.ToMetres(r.Line))).ToArray();
        var onRoute = boundaries.PreMerger.Where(u => RoutePlanner.Touches(u, routes, frame)).Select(u => u.Code)
            .ToHashSet(StringComparer.Ordinal);
        var plan = ScenarioPlanner.Plan(boundaries, onRoute, new Random(seed + 1));
        var locator = new CellLocator(boundaries.Cells, (GeometryFactory)boundaries.Province.Factory);
        var businesses = BusinessPlanner.Plan(boundaries, plan, routes, locator, frame, new Random(seed + 3));
        // its own stream (seed + 6), drawn after the others, so the earlier stages keep their draws
        var (drugFree, calm) = DrugFreePlanner.Plan(boundaries, plan, routes, frame, new Random(seed + 6));
        var intensity = new IntensityModel(plan, drugFree, calm);
        var incidents = new IncidentSimulator(boundaries.PreMerger, intensity, locator, frame, routes, businesses, new Random(seed + 4), options.IncidentScale).Run();
        var indicators = IndicatorAggregator.Build(boundaries, intensity, incidents, routes, frame, new Random(seed + 5));

        string[] Codes(UnitRole role) => plan.Members(role).Select(i => boundaries.PreMerger[i].Code).ToArray();
        return new DemoProvince
        {
            ProvinceCode = boundaries.ProvinceCode,
            ProvinceName = boundaries.ProvinceName,
            ProvinceBoundary = boundaries.Province,
            PreMergerUnits = boundaries.PreMerger,
            PostMergerUnits = boundaries.PostMerger,
            Lineage = boundaries.Lineage,
            Routes = routes.Select(r => r.Route).ToArray(),
            Incidents = incidents,
            Businesses = businesses,
            Indicators = indicators,
            Scenario = new DemoScenario
            {
                PersistentHotspotCodes = Codes(UnitRole.Hotspot),
                EmergingClusterCodes = Codes(UnitRole.Emerging),
                FadingClusterCodes = Codes(UnitRole.Fading),
                QuietCodes = Codes(UnitRole.Quiet),
                CityCentre = boundaries.Province.Factory.CreatePoint(boundaries.CityCentre),
                Description = SyntheticStory,
            },
            Notes = boundaries.Notes,
            Seed = seed,
        };
    }
}
