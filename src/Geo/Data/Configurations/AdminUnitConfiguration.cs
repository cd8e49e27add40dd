using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class AdminUnitConfiguration : IEntityTypeConfiguration<AdminUnit>
{
    public void Configure(EntityTypeBuilder<AdminUnit> b)
    {
        b.ToTable("admin_unit", t =>
            t.HasCheckConstraint("ck_admin_unit_validity", "valid_to IS NULL OR valid_to > valid_from"));
        b.Property(x => x.Code).HasMaxLength(16).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Level).HasConversion(new SnakeCaseEnumConverter<UnitLevel>()).HasMaxLength(16);
        b.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<UnitKind>()).HasMaxLength(16);
        b.Property(x => x.Geom).HasColumnType("geometry(MultiPolygon,4326)").IsRequired();
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.DistrictId);
        b.HasIndex(x => new { x.Level, x.Code, x.ValidFrom }).IsUnique();
        b.HasIndex(x => new { x.Level, x.ValidFrom, x.ValidTo });
        b.HasIndex(x => x.Geom).HasMethod("gist");
    }
}
