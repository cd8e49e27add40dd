using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace DiaBan.Demo.Province;

/// <summary>
/// Builds units, lineage and cells from real boundary files and a crosswalk. Area shares of split units come from
/// the intersection of the old and new polygons; old units with no crosswalk row get lineage from geometry alone.
/// </summary>
internal static class RealBoundaries
{
    // ~11 m: the two boundary sources do not share vertices, so "touching" has to allow hairline gaps
    private const double AdjacencyTolerance = 1e-4;
    // below this share of the old unit an intersection is a digitising sliver, not a real piece
    private const double SliverShare = 0.02;
    private const double EmptyCellShare = 0.005;

    public static DemoBoundaries Build(DemoBoundaryInput input, GeometryFactory lonLat)
    {
        var notes = new List<string>();
        var pre = input.PreMergerUnits.OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => new DemoUnit
        {
            Code = u.Code,
            Name = u.Name,
            Kind = DemoUnitKindInfo.FromFullName(u.Name),
            Population = u.Population,
            Geometry = Valid(u.Geometry, lonLat),
            ValidFrom = DemoCalendar.PreMergerValidFrom,
            ValidTo = DemoCalendar.MergerDate,
        }).ToArray();
        var postInput = input.PostMergerUnits.ToDictionary(u => u.Code, u => Valid(u.Geometry, lonLat), StringComparer.Ordinal);
        var postIndex = new STRtree<string>();
        foreach (var (code, geometry) in postInput.OrderBy(p => p.Key, StringComparer.Ordinal)) postIndex.Insert(geometry.EnvelopeInternal, code);
        postIndex.Build();

        var crosswalk = input.Crosswalk.GroupBy(r => r.OldCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Where(r => postInput.ContainsKey(r.NewCode)).ToArray(), StringComparer.Ordinal);
        var rows = new List<(DemoUnit Old, string NewCode, LineageKind Kind, Geometry Piece, double Share, bool FromGeometry)>();
        var fromGeometry = new List<string>();
        foreach (var old in pre)
        {
            var listed = crosswalk.GetValueOrDefault(old.Code) ?? [];
            var pieces = listed.Length > 0
                ? listed.Select(r => (r.NewCode, Piece: Intersection(old.Geometry, postInput[r.NewCode]))).ToArray()
                : FromGeometry(old, postInput, postIndex);
            if (listed.Length == 0) fromGeometry.Add(old.Name);
            var total = pieces.Sum(p => p.Piece.Area);
            foreach (var p in pieces)
            {
                // with no overlap at all (files disagree) the old unit is shared out equally
                var share = pieces.Length == 1 ? 1.0 : total > 0 ? p.Piece.Area / total : 1.0 / pieces.Length;
                rows.Add((old, p.NewCode, pieces.Length == 1 ? LineageKind.Full : LineageKind.Partial, p.Piece, share, listed.Length == 0));
            }
        }
        if (fromGeometry.Count > 0)
            notes.Add($"{fromGeometry.Count} đơn vị cũ không có trong bảng chuyển đổi ({string.Join(", ", fromGeometry)}): quan hệ sáp nhập suy ra từ hình học.");

        var usedPost = rows.Select(r => r.NewCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (usedPost.Length < postInput.Count)
            notes.Add($"{postInput.Count - usedPost.Length} đơn vị mới không nhận đơn vị cũ nào trong dữ liệu đầu vào và được bỏ qua.");
        var postNames = input.PostMergerUnits.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var post = usedPost.Select(code => new DemoUnit
        {
            Code = code,
            Name = postNames[code],
            Kind = DemoUnitKindInfo.FromFullName(postNames[code]),
            Population = (int)Math.Round(PopulationModel.InYear(
                rows.Where(r => r.NewCode == code).Select(r => (r.Old, r.Share)), DemoCalendar.MergerDate.Year)),
            Geometry = postInput[code],
            ValidFrom = DemoCalendar.MergerDate,
            ValidTo = null,
        }).ToDictionary(u => u.Code, StringComparer.Ordinal);

        var lineage = rows.Select(r => new DemoLineage
        {
            OldCode = r.Old.Code, NewCode = r.NewCode, Kind = r.Kind, AreaShare = r.Share, PopulationShare = r.Share,
            DerivedFromGeometry = r.FromGeometry,
        }).ToArray();
        var cells = new List<Cell>();
        var empty = 0;
        foreach (var r in rows)
        {
            // a cell too thin to hold points is left out of sampling; its lineage row stays
            if (r.Piece.Area < EmptyCellShare * r.Old.Geometry.Area) { empty++; continue; }
            cells.Add(new Cell(cells.Count, r.Old, post[r.NewCode], r.Piece, r.Share));
        }
        if (empty > 0) notes.Add($"{empty} dòng chuyển đổi gần như không giao nhau về hình học; không đặt sự việc vào đó.");
        notes.Add("Dân số đơn vị cũ lấy làm dân số năm 2019; tỷ lệ dân số của xã bị chia lấy bằng tỷ lệ diện tích.");

        var province = Polygons.ToMultiPolygon(OverlayNGRobust.Union(lonLat.BuildGeometry(pre.Select(u => u.Geometry).ToArray())), lonLat);
        var centre = pre.Where(u => u.Kind == DemoUnitKind.Phuong).DefaultIfEmpty(pre.MaxBy(u => u.Population)!)
            .MaxBy(u => u.Population)!.Geometry.InteriorPoint.Coordinate;
        return new DemoBoundaries(input.ProvinceCode, input.ProvinceName, province, pre,
            post.Values.OrderBy(u => u.Code, StringComparer.Ordinal).ToArray(), lineage, cells, centre, AdjacencyTolerance, notes);
    }

    private static (string NewCode, Geometry Piece)[] FromGeometry(
        DemoUnit old, Dictionary<string, MultiPolygon> post, STRtree<string> index)
    {
        var overlaps = index.Query(old.Geometry.EnvelopeInternal).Order(StringComparer.Ordinal)
            .Select(code => (NewCode: code, Piece: Intersection(old.Geometry, post[code])))
            .Where(p => p.Piece.Area >= SliverShare * old.Geometry.Area)
            .ToArray();
        if (overlaps.Length == 0)
        {
            var nearest = post.OrderBy(p => p.Value.Distance(old.Geometry)).ThenBy(p => p.Key, StringComparer.Ordinal).First();
            return [(nearest.Key, nearest.Value.Factory.CreateMultiPolygon())];
        }
        return overlaps;
    }

    private static Geometry Intersection(Geometry a, Geometry b) =>
        Polygons.ToMultiPolygon(OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection), (GeometryFactory)a.Factory);

    private static MultiPolygon Valid(Geometry geometry, GeometryFactory lonLat)
    {
        var fixedGeometry = geometry.IsValid ? geometry : GeometryFixer.Fix(geometry);
        return Polygons.ToMultiPolygon(lonLat.CreateGeometry(fixedGeometry), lonLat);
    }
}
