using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class KeyRouteConfiguration : IEntityTypeConfiguration<KeyRoute>
{
    public void Configure(EntityTypeBuilder<KeyRoute> b)
    {
        b.ToTable("key_route");
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<RouteKind>()).HasMaxLength(16);
        b.Property(x => x.Geom).HasColumnType("geometry(LineString,4326)").IsRequired();
        b.Property(x => x.ImportBatch).HasMaxLength(64);
        b.HasIndex(x => x.Geom).HasMethod("gist");
    }
}
