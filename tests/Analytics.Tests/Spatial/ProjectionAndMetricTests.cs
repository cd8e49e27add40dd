using DiaBan.Analytics.Spatial;
using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Tests.Spatial;

public class ProjectionAndMetricTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    [Fact]
    public void Local_projection_matches_PROJ_tmerc_to_a_millimetre_on_Ca_Mau_vertices()
    {
        var reference = Reference.Load("ca_mau");
        var projection = new LocalProjection(reference.Number("lon_0"), reference.Number("lat_0"));
        var lonLat = reference.GetProperty("sample_lonlat").Matrix();
        var expected = reference.GetProperty("sample_projected").Matrix();
        for (var i = 0; i < lonLat.Length; i++)
        {
            var p = projection.Forward(lonLat[i][0], lonLat[i][1]);
            Assert.True(Math.Abs(p.X - expected[i][0]) < 1e-3 && Math.Abs(p.Y - expected[i][1]) < 1e-3,
                $"vertex {i}: PROJ ({expected[i][0]}, {expected[i][1]}) vs ours ({p.X}, {p.Y})");
        }
    }

    [Theory]
    [InlineData(105.06, 8.99, 105.5, 9.6)]
    [InlineData(105.06, 8.99, 102.2, 22.8)]
    [InlineData(106.0, 16.0, 109.4, 8.5)]
    public void Inverse_projection_returns_the_original_longitude_and_latitude(double lon0, double lat0, double lon, double lat)
    {
        var projection = new LocalProjection(lon0, lat0);
        var xy = projection.Forward(lon, lat);
        var back = projection.Inverse(xy.X, xy.Y);
        Assert.True(Math.Abs(back.X - lon) < 1e-10 && Math.Abs(back.Y - lat) < 1e-10, $"({lon}, {lat}) came back as ({back.X}, {back.Y})");
    }

    [Fact]
    public void The_layer_centre_projects_to_the_origin_and_a_degree_of_latitude_is_about_110_km()
    {
        var projection = new LocalProjection(105, 9);
        var origin = projection.Forward(105, 9);
        Assert.True(Math.Abs(origin.X) < 1e-9 && Math.Abs(origin.Y) < 1e-9);
        // meridian arc from 8.5° to 9.5° N on WGS 84 is 110,601 m (±1 m)
        var span = projection.Forward(105, 9.5).Y - projection.Forward(105, 8.5).Y;
        Assert.InRange(span, 110_600, 110_602);
    }

    [Fact]
    public void Distance_weights_refuse_lon_lat_geometries_until_projected()
    {
        var communes = Reference.Geometries("ca_mau");
        Assert.All(communes, g => Assert.Equal(4326, g.SRID));
        var error = Assert.Throws<GeographicCoordinatesException>(() => PlanarPoints.FromProjectedGeometries(communes));
        Assert.Contains("chiếu", error.Message);
        Assert.Equal(communes.Count, PlanarPoints.FromGeographic(communes).Count);
    }

    [Fact]
    public void Geometries_without_SRID_in_the_degree_range_are_refused_and_metric_ones_accepted()
    {
        var factory = new GeometryFactory();
        Assert.Throws<GeographicCoordinatesException>(() => PlanarPoints.FromProjectedGeometries([factory.CreatePoint(new Coordinate(105.2, 9.1))]));
        var vn2000 = new GeometryFactory(new PrecisionModel(), 9210);
        var points = PlanarPoints.FromProjectedGeometries([vn2000.CreatePoint(new Coordinate(512_000, 1_000_000)), vn2000.CreatePoint(new Coordinate(513_000, 1_000_500))]);
        Assert.Equal(513_000, points.X[1]);
    }

    [Fact]
    public void A_caller_supplied_transform_can_project_instead_of_the_local_projection()
    {
        var points = PlanarPoints.FromGeographic([Wgs84.CreatePoint(new Coordinate(105, 9))], c => new Coordinate(c.X * 1000, c.Y * 1000));
        Assert.Equal(105_000, points.X[0]);
        Assert.Null(points.Projection);
    }

    [Fact]
    public void Projecting_rejects_coordinates_that_are_not_degrees()
    {
        var factory = new GeometryFactory();
        Assert.Throws<ArgumentException>(() => LocalProjection.Around([factory.CreatePoint(new Coordinate(512_000, 1_000_000))]));
    }
}
