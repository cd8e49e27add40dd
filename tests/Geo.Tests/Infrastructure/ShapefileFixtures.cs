using DiaBan.Geo.Crs;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace DiaBan.Geo.Tests.Infrastructure;

/// <summary>Writes small shapefiles for reader/import tests: two squares (one a self-intersecting bow-tie) in VN-2000 TM-3 104°30'.</summary>
public static class ShapefileFixtures
{
    public const string Tm3_10430Prj = """
        PROJCS["VN_2000_TM3_104_30",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",104.5],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]
        """;

    /// <summary>Squares [105.30,105.40]×[9.30,9.40] ("Xã Tây") and a bow-tie over [105.40,105.50]×[9.30,9.40] ("Xã Đông"), projected to EPSG:9207.</summary>
    public static string WriteSquares(string shpPath, string? prj)
    {
        var f = new GeometryFactory();
        Coordinate P(double lon, double lat)
        {
            var (x, y) = CoordinateSystems.FromWgs84(9207, lon, lat);
            return new Coordinate(x, y);
        }
        var west = f.CreatePolygon([P(105.30, 9.30), P(105.40, 9.30), P(105.40, 9.40), P(105.30, 9.40), P(105.30, 9.30)]);
        // ring crosses itself: (105.4,9.3)→(105.5,9.4)→(105.5,9.3)→(105.4,9.4)
        var bowTie = f.CreatePolygon([P(105.40, 9.30), P(105.50, 9.40), P(105.50, 9.30), P(105.40, 9.40), P(105.40, 9.30)]);
        var features = new[]
        {
            new Feature(west, new AttributesTable { { "code", "70001" }, { "name", "Xã Tây" } }),
            new Feature(bowTie, new AttributesTable { { "code", "70002" }, { "name", "Xã Đông" } }),
        };
        Shapefile.WriteAllFeatures(features, shpPath, prj);
        return shpPath;
    }
}
