using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DiaBan.Demo.Province;

/// <summary>
/// SHA-256 over a canonical text of the whole demo province: equal fingerprints mean identical data (a seeder can
/// use it to tell whether the stored demo is current).
/// </summary>
public static class DemoFingerprint
{
    public static string Compute(DemoProvince province)
    {
        var text = new StringBuilder();
        void Line(params object?[] fields) =>
            text.AppendJoin('|', fields.Select(f => Convert.ToString(f, CultureInfo.InvariantCulture))).Append('\n');

        Line(province.ProvinceCode, province.ProvinceName, province.Seed, province.ProvinceBoundary.AsText());
        foreach (var u in province.PreMergerUnits.Concat(province.PostMergerUnits))
            Line(u.Code, u.Name, u.Kind, u.Population, u.ValidFrom, u.ValidTo, u.Geometry.AsText());
        foreach (var l in province.Lineage)
            Line(l.OldCode, l.NewCode, l.Kind, l.AreaShare.ToString("R", CultureInfo.InvariantCulture), l.PopulationShare.ToString("R", CultureInfo.InvariantCulture), l.DerivedFromGeometry);
        foreach (var r in province.Routes) Line(r.Code, r.Name, r.Scope, r.BufferMetres, r.Line.AsText());
        foreach (var i in province.Incidents)
            Line(i.Id, i.Date, i.Kind, i.Lon.ToString("R", CultureInfo.InvariantCulture), i.Lat.ToString("R", CultureInfo.InvariantCulture),
                i.Persons, i.Plants, i.AreaM2, i.Source, i.PreMergerUnitCode, i.PostMergerUnitCode);
        foreach (var b in province.Businesses)
            Line(b.Id, b.Kind, b.Name, b.Opened, b.Lon.ToString("R", CultureInfo.InvariantCulture), b.Lat.ToString("R", CultureInfo.InvariantCulture),
                b.PreMergerUnitCode, b.PostMergerUnitCode);
        foreach (var d in province.Indicators)
            Line(d.UnitCode, d.PreMergerUnit, d.Year, d.PeriodFrom, d.PeriodTo, d.PopulationResident, d.UsersAddictsManaged, d.HarbouringPlaces,
                d.OffendersArrested, d.PlantsDestroyedCount, d.PlantsDestroyedM2, d.OnKeyRoute, d.Hotspots);
        var s = province.Scenario;
        Line(string.Join(',', s.PersistentHotspotCodes), string.Join(',', s.EmergingClusterCodes), string.Join(',', s.FadingClusterCodes),
            string.Join(',', s.QuietCodes), s.CityCentre.AsText());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
