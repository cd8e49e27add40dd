using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace DiaBan.Demo.Province;

/// <summary>
/// Equirectangular metres about a centre (x east, y north). Over a province (~100 km) the scale error is below
/// 0.5 %, enough for buffers and spacing in a simulation; it is affine, so area RATIOS are exact.
/// </summary>
internal sealed class LocalMetricFrame
{
    // metres per degree of latitude, and of longitude at the equator (WGS 84 mean values)
    private const double MetresPerDegreeLat = 110_574.0;
    private const double MetresPerDegreeLonAtEquator = 111_320.0;

    private readonly AffineTransformation _toMetres;
    private readonly AffineTransformation _toLonLat;

    public LocalMetricFrame(double centreLon, double centreLat, GeometryFactory lonLatFactory)
    {
        LonLatFactory = lonLatFactory;
        var kx = MetresPerDegreeLonAtEquator * Math.Cos(centreLat * Math.PI / 180.0);
        var ky = MetresPerDegreeLat;
        _toMetres = new AffineTransformation(kx, 0, -kx * centreLon, 0, ky, -ky * centreLat);
        _toLonLat = _toMetres.GetInverse();
    }

    public GeometryFactory LonLatFactory { get; }

    public Geometry ToMetres(Geometry lonLat) => _toMetres.Transform(lonLat);

    /// <summary>Back to lon/lat with SRID 4326.</summary>
    public Geometry ToLonLat(Geometry metres) => LonLatFactory.CreateGeometry(_toLonLat.Transform(metres));

    public Coordinate ToMetres(double lon, double lat)
    {
        var c = new Coordinate(lon, lat);
        return _toMetres.Transform(c, new Coordinate());
    }

    public Coordinate ToLonLat(double x, double y)
    {
        var c = new Coordinate(x, y);
        return _toLonLat.Transform(c, new Coordinate());
    }
}
