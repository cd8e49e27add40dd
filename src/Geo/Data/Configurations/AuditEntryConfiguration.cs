using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entry");
        b.Property(x => x.Actor).HasMaxLength(100).IsRequired();
        b.Property(x => x.Action).HasMaxLength(16).IsRequired();
        b.Property(x => x.Entity).HasMaxLength(64).IsRequired();
        b.Property(x => x.EntityKey).HasMaxLength(200);
        b.Property(x => x.Details).HasColumnType("jsonb").IsRequired();
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.Entity, x.EntityKey });
    }
}
