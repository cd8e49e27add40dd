#!/usr/bin/env bash
# Scaffolds an EF Core migration for DiaBanDb without the dotnet-ef tool (the NuGet mirror here lacks dotnet-ef 10):
# builds a throw-away console program in a temp folder that calls Microsoft.EntityFrameworkCore.Design's
# IMigrationsScaffolder, the same service `dotnet ef migrations add` uses. Usage: add-migration.sh <MigrationName>
set -euo pipefail
name="${1:?usage: add-migration.sh <MigrationName>}"
here="$(cd "$(dirname "$0")" && pwd)"
geo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/diaban-migration.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cat > "$work/MigrationTool.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NoWarn>EF1001;NU1603</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.EntityFrameworkCore.Design" Version="10.0.4" />
    <ProjectReference Include="$geo/DiaBan.Geo.csproj" />
  </ItemGroup>
</Project>
XML
cat > "$work/Program.cs" <<'CS'
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

var (name, projectDir) = (args[0], args[1]);
using var db = new DiaBan.Geo.Data.DesignTimeFactory().CreateDbContext([]);
var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(db);
new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlNetTopologySuiteDesignTimeServices().ConfigureDesignTimeServices(services);
using var provider = services.BuildServiceProvider();
var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(name, "DiaBan.Geo", "Data.Migrations", "C#");
var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Data", "Migrations"));
Console.WriteLine(files.MigrationFile);
Console.WriteLine(files.MetadataFile);
Console.WriteLine(files.SnapshotFile);
CS
dotnet run --project "$work/MigrationTool.csproj" -v q -- "$name" "$geo"
