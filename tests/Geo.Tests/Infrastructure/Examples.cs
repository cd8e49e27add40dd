using DiaBan.Geo.Data;
using DiaBan.Geo.Import;

namespace DiaBan.Geo.Tests.Infrastructure;

/// <summary>The small example files under data/examples and the import calls the tests share.</summary>
public static class Examples
{
    public static string File(string name) => RepoPaths.Repo("data", "examples", name);

    public static readonly DateOnly From = new(2020, 1, 1);

    public static async Task ImportBoundariesAsync(DiaBanDb db)
    {
        await new BoundaryImporter(db).ImportAsync(File("province.geojson"), new BoundaryImportOptions
        {
            Level = UnitLevel.Province, ValidFrom = From, CodeField = "code", NameField = "name",
        });
        await new BoundaryImporter(db).ImportAsync(File("communes.geojson"), new BoundaryImportOptions
        {
            Level = UnitLevel.Commune, ValidFrom = From, CodeField = "code", NameField = "name",
            ParentCodeField = "province_code", PopulationField = "population",
        });
    }
}
