using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class CommuneGridConfiguration : IEntityTypeConfiguration<CommuneGridRecord>
{
    public void Configure(EntityTypeBuilder<CommuneGridRecord> b)
    {
        b.ToTable("commune_grid");
        b.HasKey(x => x.Fingerprint);
        b.Property(x => x.Fingerprint).HasColumnType("bytea");
        // stored as is (STORAGE EXTERNAL in the migration): ~20 MB of small ints, not worth pglz on every boundary import
        b.Property(x => x.Grid).HasColumnType("bytea").IsRequired();
    }
}
