using DiaBan.Geo.Crs;

namespace DiaBan.Geo.Import;

/// <summary>Where a table keeps its point: lon/lat (WGS 84 unless --crs says VN-2000 geographic) or x/y (easting/northing, --crs required).</summary>
public sealed class PointColumns
{
    private PointColumns(string xField, string yField, int epsg) => (XField, YField, Epsg) = (xField, yField, epsg);

    public string XField { get; }
    public string YField { get; }
    public int Epsg { get; }

    public static PointColumns Detect(TableFile table, int? epsg)
    {
        bool Has(string c) => table.Header.Contains(c, StringComparer.OrdinalIgnoreCase);
        if (Has("lon") && Has("lat"))
        {
            var crs = epsg ?? CoordinateSystems.Wgs84;
            if (CoordinateSystems.Get(crs).IsProjected)
                throw new ImportException(table.Name, 1, "lon", $"lon/lat columns hold degrees but --crs EPSG:{crs} is projected; name the columns x,y");
            return new PointColumns("lon", "lat", crs);
        }
        if (Has("x") && Has("y"))
        {
            if (epsg is null)
                throw new ImportException(table.Name, 1, "x", "x/y columns need --crs EPSG:xxxx (e.g. EPSG:9207 for VN-2000 TM-3 104°30') / cần khai báo hệ tọa độ");
            return new PointColumns("x", "y", epsg.Value);
        }
        throw new ImportException(table.Name, 1, "lon", "no coordinate columns: expected lon,lat or x,y / thiếu cột tọa độ");
    }

    /// <summary>
    /// The columns a single typed point uses in a CRS (a web form): lon/lat for a geographic CRS (WGS 84, VN-2000
    /// degrees), x/y (easting, northing in metres) for a projected one (a VN-2000 zone).
    /// </summary>
    public static PointColumns For(int epsg) =>
        CoordinateSystems.Get(epsg).IsProjected ? new PointColumns("x", "y", epsg) : new PointColumns("lon", "lat", epsg);

    /// <summary>The row's point in WGS 84, or null with the error recorded (swapped axes and points outside Vietnam are named).</summary>
    public (double Lon, double Lat)? Read(TableRow r, FieldParser parse, ImportErrors errors)
    {
        var x = parse.Double(r, XField, required: true);
        var y = parse.Double(r, YField, required: true);
        if (x is null || y is null) return null;
        try
        {
            return CoordinateSystems.ToWgs84(Epsg, x.Value, y.Value);
        }
        catch (CoordinateException e)
        {
            errors.Add(r.Row, XField, e.Message);
            return null;
        }
    }
}
