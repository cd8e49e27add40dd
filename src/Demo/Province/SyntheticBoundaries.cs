using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace DiaBan.Demo.Province;

/// <summary>Turns the metric Voronoi layout and its merger plan into units, lineage and cells in lon/lat.</summary>
internal static class SyntheticBoundaries
{
    // the simulated province sits on land in the Mekong delta
    private const double CentreLon = 105.65;
    private const double CentreLat = 9.95;

    public static DemoBoundaries Build(DemoProvinceOptions options, Random random, GeometryFactory lonLat)
    {
        var frame = new LocalMetricFrame(CentreLon, CentreLat, lonLat);
        var layout = SyntheticTiling.Build(options.PreMergerUnitCount, random);
        var plan = SyntheticMerger.Plan(layout.Tiles, options.PostMergerUnitCount, random);
        var names = new VietnameseNames(random);
        MultiPolygon ToLonLat(Geometry metres) => Polygons.ToMultiPolygon(frame.ToLonLat(metres), lonLat);

        // codes run north to south, then west to east, like a printed list
        var tileOrder = Enumerable.Range(0, layout.Tiles.Count)
            .OrderByDescending(i => Math.Round(layout.Tiles[i].Geometry.Centroid.Y)).ThenBy(i => layout.Tiles[i].Geometry.Centroid.X)
            .ToArray();
        var island = layout.Tiles.Count - 1;
        var islandName = names.NextPlaceName();
        var preByTile = new DemoUnit[layout.Tiles.Count];
        for (var rank = 0; rank < tileOrder.Length; rank++)
        {
            var t = tileOrder[rank];
            var tile = layout.Tiles[t];
            preByTile[t] = new DemoUnit
            {
                Code = $"9{1 + 3 * rank:D4}",
                Name = $"{tile.Kind.VietnamesePrefix()} {(t == island ? islandName : names.NextPlaceName())}",
                Kind = tile.Kind,
                Population = Population(tile, t == island, random),
                Geometry = ToLonLat(tile.Geometry),
                ValidFrom = DemoCalendar.PreMergerValidFrom,
                ValidTo = DemoCalendar.MergerDate,
            };
        }

        // pieces of each new unit: whole tiles, plus the staying and moving halves of split tiles
        var pieces = Enumerable.Range(0, plan.GroupKinds.Count).Select(_ => new List<(int Tile, Geometry Part)>()).ToArray();
        for (var t = 0; t < layout.Tiles.Count; t++)
        {
            var split = plan.Splits.FirstOrDefault(s => s.Tile == t);
            pieces[plan.GroupOfTile[t]].Add((t, split?.Staying ?? layout.Tiles[t].Geometry));
            if (split is not null) pieces[split.ToGroup].Add((t, split.Moving));
        }
        var groupGeometry = pieces.Select(p => UnaryUnionNG.Union(
            new GeometryFactory(SyntheticTiling.Grid).BuildGeometry(p.Select(x => x.Part).ToArray()), SyntheticTiling.Grid)).ToArray();
        var groupOrder = Enumerable.Range(0, pieces.Length)
            .OrderByDescending(g => Math.Round(groupGeometry[g].Centroid.Y)).ThenBy(g => groupGeometry[g].Centroid.X)
            .ToArray();

        var post = new DemoUnit[pieces.Length];
        var lineage = new List<DemoLineage>();
        var cellDrafts = new List<(int Tile, int Group, Geometry Part, double Share)>();
        for (var g = 0; g < pieces.Length; g++)
        {
            foreach (var (t, part) in pieces[g])
            {
                var share = part.Area / layout.Tiles[t].Geometry.Area;
                cellDrafts.Add((t, g, part, share));
            }
        }
        // shares of a split tile are renormalised so they sum to exactly 1 despite grid rounding
        var shareTotals = cellDrafts.GroupBy(c => c.Tile).ToDictionary(x => x.Key, x => x.Sum(c => c.Share));
        for (var rank = 0; rank < groupOrder.Length; rank++)
        {
            var g = groupOrder[rank];
            var kind = plan.GroupKinds[g];
            var components = cellDrafts.Where(c => c.Group == g)
                .Select(c => (Old: preByTile[c.Tile], Share: c.Share / shareTotals[c.Tile])).ToArray();
            post[g] = new DemoUnit
            {
                Code = $"95{1 + 3 * rank:D3}",
                Name = $"{kind.VietnamesePrefix()} {(kind == DemoUnitKind.DacKhu ? islandName : names.NextPlaceName())}",
                Kind = kind,
                Population = (int)Math.Round(PopulationModel.InYear(components, DemoCalendar.MergerDate.Year)),
                Geometry = ToLonLat(groupGeometry[g]),
                ValidFrom = DemoCalendar.MergerDate,
                ValidTo = null,
            };
        }

        var cells = new List<Cell>();
        foreach (var c in cellDrafts.OrderBy(c => preByTile[c.Tile].Code, StringComparer.Ordinal).ThenBy(c => post[c.Group].Code, StringComparer.Ordinal))
        {
            var share = c.Share / shareTotals[c.Tile];
            var split = plan.Splits.Any(s => s.Tile == c.Tile);
            lineage.Add(new DemoLineage
            {
                OldCode = preByTile[c.Tile].Code,
                NewCode = post[c.Group].Code,
                Kind = split ? LineageKind.Partial : LineageKind.Full,
                AreaShare = share,
                PopulationShare = share,
            });
            cells.Add(new Cell(cells.Count, preByTile[c.Tile], post[c.Group], split ? ToLonLat(c.Part) : preByTile[c.Tile].Geometry, share));
        }

        var province = Polygons.ToMultiPolygon(frame.ToLonLat(
            new GeometryFactory(SyntheticTiling.Grid).CreateMultiPolygon([layout.Mainland, layout.Island])), lonLat);
        var city = frame.ToLonLat(layout.City.X, layout.City.Y);
        return new DemoBoundaries(options.ProvinceCode, options.ProvinceName, province,
            preByTile.OrderBy(u => u.Code, StringComparer.Ordinal).ToArray(),
            post.OrderBy(u => u.Code, StringComparer.Ordinal).ToArray(),
            lineage, cells, city, 1e-9,
            [
                "Ranh giới mô phỏng: ô Voronoi cắt theo một tỉnh giả định ở Đồng bằng sông Cửu Long; mã 9xxxx không phải mã hành chính thật.",
                $"Sáp nhập 1/7/2025: {preByTile.Length} đơn vị cũ thành {post.Length} đơn vị mới; {plan.Splits.Count} xã cũ bị chia cho hai đơn vị (tỷ lệ diện tích tính từ hình học, tỷ lệ dân số lấy bằng tỷ lệ diện tích).",
            ]);
    }

    private static int Population(Tile tile, bool island, Random random)
    {
        if (island) return (int)random.Uniform(3_000, 6_000);
        return tile.Kind switch
        {
            DemoUnitKind.Phuong => (int)random.Uniform(12_000, 38_000),
            DemoUnitKind.ThiTran => (int)random.Uniform(10_000, 22_000),
            // rural density 250–600 per km², kept within 3,000–25,000
            _ => (int)Math.Clamp(tile.Geometry.Area / 1e6 * random.Uniform(250, 600), 3_000, 25_000),
        };
    }
}
