using Microsoft.EntityFrameworkCore.Design;

namespace DiaBan.Geo.Data;

/// <summary>Lets EF tooling build the model without a running database (migrations are scaffolded offline).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DiaBanDb>
{
    public DiaBanDb CreateDbContext(string[] args) =>
        DiaBanDb.Create(Environment.GetEnvironmentVariable("DIABAN_DB") ?? "Host=localhost;Database=diaban");
}
