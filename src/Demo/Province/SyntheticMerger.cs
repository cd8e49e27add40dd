using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace DiaBan.Demo.Province;

/// <summary>A tile cut in two on 1/7/2025: <see cref="Moving"/> goes to group <see cref="ToGroup"/>.</summary>
internal sealed record Split(int Tile, int ToGroup, Geometry Staying, Geometry Moving);

/// <summary>Which new unit each old tile joins, which tiles are split, and the kind of each new unit.</summary>
internal sealed record MergerPlan(int[] GroupOfTile, IReadOnlyList<Split> Splits, IReadOnlyList<DemoUnitKind> GroupKinds);

/// <summary>
/// Merges adjacent tiles into new units the way the 2025 reform did: wards with wards, the island alone (it becomes a
/// đặc khu), rural communes and towns with their neighbours; two tiles on a group border are split between groups.
/// </summary>
internal static class SyntheticMerger
{
    private static readonly GeometryFactory Metric = new(SyntheticTiling.Grid);

    public static MergerPlan Plan(IReadOnlyList<Tile> tiles, int postMergerUnitCount, Random random)
    {
        var neighbours = Adjacency.Build(tiles.Select(t => t.Geometry).ToArray(), 0.01);
        var centres = tiles.Select(t => t.Geometry.Centroid.Coordinate).ToArray();
        var island = tiles.Count - 1;
        var wards = Enumerable.Range(0, tiles.Count).Where(i => tiles[i].Kind == DemoUnitKind.Phuong).ToArray();
        var rural = Enumerable.Range(0, tiles.Count).Where(i => i != island && tiles[i].Kind != DemoUnitKind.Phuong).ToArray();

        var wardGroups = Math.Max(1, (int)Math.Round(wards.Length / 3.5));
        var ruralGroups = Math.Max(1, postMergerUnitCount - wardGroups - 1);
        var groupOfTile = Enumerable.Repeat(-1, tiles.Count).ToArray();
        var kinds = new List<DemoUnitKind>();
        var seeds = new List<int>();
        Grow(wards, wardGroups, DemoUnitKind.Phuong);
        Grow(rural, ruralGroups, DemoUnitKind.Xa);
        groupOfTile[island] = kinds.Count;
        seeds.Add(island);
        kinds.Add(DemoUnitKind.DacKhu);

        var splits = PlanSplits(tiles, neighbours, centres, groupOfTile, seeds, rural, random);
        return new MergerPlan(groupOfTile, splits, kinds);

        void Grow(int[] members, int groupCount, DemoUnitKind kind)
        {
            var first = kinds.Count;
            foreach (var seed in FarthestPoints(members, groupCount, centres, random))
            {
                groupOfTile[seed] = kinds.Count;
                seeds.Add(seed);
                kinds.Add(kind);
            }
            var allowed = members.ToHashSet();
            while (members.Any(m => groupOfTile[m] < 0))
            {
                var grew = false;
                // round robin keeps the groups of similar size
                for (var g = first; g < kinds.Count; g++)
                {
                    var seedCentre = centres[seeds[g]];
                    var next = Enumerable.Range(0, tiles.Count)
                        .Where(t => groupOfTile[t] == g)
                        .SelectMany(t => neighbours[t])
                        .Where(n => allowed.Contains(n) && groupOfTile[n] < 0)
                        .Distinct()
                        .OrderBy(n => centres[n].Distance(seedCentre)).ThenBy(n => n)
                        .Select(n => (int?)n).FirstOrDefault();
                    if (next is null) continue;
                    groupOfTile[next.Value] = g;
                    grew = true;
                }
                if (grew) continue;
                // a pocket no group can reach becomes a unit of its own
                var orphan = members.First(m => groupOfTile[m] < 0);
                groupOfTile[orphan] = kinds.Count;
                seeds.Add(orphan);
                kinds.Add(kind);
            }
        }
    }

    private static IEnumerable<int> FarthestPoints(int[] members, int count, Coordinate[] centres, Random random)
    {
        var chosen = new List<int> { members[random.Next(members.Length)] };
        while (chosen.Count < Math.Min(count, members.Length))
        {
            chosen.Add(members.Where(m => !chosen.Contains(m))
                .OrderByDescending(m => chosen.Min(c => centres[c].Distance(centres[m]))).ThenBy(m => m)
                .First());
        }
        return chosen;
    }

    // cut a rural tile on a group border by a line through its centroid, facing the neighbouring group
    private static List<Split> PlanSplits(IReadOnlyList<Tile> tiles, IReadOnlyList<int>[] neighbours, Coordinate[] centres,
        int[] groupOfTile, List<int> seeds, int[] rural, Random random)
    {
        var groupSizes = groupOfTile.GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
        var candidates = rural
            .Where(t => !seeds.Contains(t) && groupSizes[groupOfTile[t]] >= 3)
            .SelectMany(t => neighbours[t]
                .Where(n => rural.Contains(n) && groupOfTile[n] != groupOfTile[t])
                .Select(n => (Tile: t, Neighbour: n)))
            .ToList();
        random.ShuffleInPlace(candidates);

        var splits = new List<Split>();
        var touchedGroups = new List<int>();
        foreach (var (tile, neighbour) in candidates)
        {
            if (splits.Count == 2) break;
            int from = groupOfTile[tile], to = groupOfTile[neighbour];
            if (touchedGroups.Contains(from) || touchedGroups.Contains(to)) continue;
            var (staying, moving) = Cut(tiles[tile].Geometry, centres[tile], centres[neighbour]);
            if (moving.IsEmpty || staying.IsEmpty) continue;
            // both groups must stay in one piece (the cut tile may have been the link between its group's members)
            if (!OnePiece(tiles, groupOfTile, from, tile, staying) || !OnePiece(tiles, groupOfTile, to, tile, moving)) continue;
            splits.Add(new Split(tile, to, staying, moving));
            touchedGroups.Add(from);
            touchedGroups.Add(to);
        }
        return splits;
    }

    private static bool OnePiece(IReadOnlyList<Tile> tiles, int[] groupOfTile, int group, int cutTile, Geometry piece)
    {
        var parts = Enumerable.Range(0, tiles.Count).Where(t => groupOfTile[t] == group && t != cutTile)
            .Select(t => tiles[t].Geometry).Append(piece).ToArray();
        return UnaryUnionNG.Union(Metric.BuildGeometry(parts), SyntheticTiling.Grid).NumGeometries == 1;
    }

    private static (Geometry Staying, Geometry Moving) Cut(Geometry tile, Coordinate centre, Coordinate towards)
    {
        double dx = towards.X - centre.X, dy = towards.Y - centre.Y;
        var length = Math.Sqrt(dx * dx + dy * dy);
        (dx, dy) = (dx / length, dy / length);
        const double far = 100_000;
        // half-plane on the neighbour's side of the line through the centroid
        var halfPlane = Metric.CreatePolygon(
        [
            new Coordinate(centre.X - dy * far, centre.Y + dx * far),
            new Coordinate(centre.X - dy * far + dx * far, centre.Y + dx * far + dy * far),
            new Coordinate(centre.X + dy * far + dx * far, centre.Y - dx * far + dy * far),
            new Coordinate(centre.X + dy * far, centre.Y - dx * far),
            new Coordinate(centre.X - dy * far, centre.Y + dx * far),
        ]);
        var moving = Polygons.ToMultiPolygon(OverlayNG.Overlay(tile, halfPlane, SpatialFunction.Intersection, SyntheticTiling.Grid), Metric);
        var staying = Polygons.ToMultiPolygon(OverlayNG.Overlay(tile, moving, SpatialFunction.Difference, SyntheticTiling.Grid), Metric);
        return (staying, moving);
    }
}
