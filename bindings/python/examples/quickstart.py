#!/usr/bin/env python3
"""kemitraan from Python in one page: a file store in a temporary directory,
three partners and an agreement, a listing, the audit trail and a
verification of the hash chain.

    KEMITRAAN_LIBRARY=build/libkemitraan.so python3 bindings/python/examples/quickstart.py
"""
import datetime as dt
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

import kemitraan as km  # noqa: E402


def main():
    # A fixed clock makes every run print the same times.
    now = [dt.datetime(2025, 3, 3, 1, 0, tzinfo=dt.timezone.utc)]

    def clock():
        now[0] += dt.timedelta(minutes=15)
        return now[0]

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "jabar.km")
        with km.Network.open(path, actor="admin:budi", clock=clock) as net:
            dinkes = net.create_partner("Dinas Kesehatan Kota Bandung", "ID-KEMENDAGRI-32.73-DINKES",
                                        km.PartnerKind.REGIONAL_GOVERNMENT, region="32.73",
                                        sectors=["health"], needs=["data-analytics"])
            with net.transaction():  # two partners, one log entry
                sehat = net.create_partner("PT Sehat Digital Nusantara", "ID-NIB-8120000123456",
                                           km.PartnerKind.PRIVATE_BUSINESS, region="32.73.01",
                                           sectors=["health", "ict"], capabilities=["software"])
                net.create_partner("Lembaga Advokasi Gizi Masyarakat", "ID-AHU-AHU-0098765.AH.01.07",
                                   km.PartnerKind.NGO, region="32.04", sectors=["health", "nutrition"])

            try:
                net.create_partner("Tanpa Email", "ID-NIB-1", email="bukan-email")
            except km.InvalidArgument as e:
                print("ditolak / refused: [%s] %s" % (e.field, e.message_in("id")))

            ks = net.create_agreement(
                "Telemedisin Puskesmas Kota Bandung", "PKS/032/2025", km.AgreementType.COOPERATION,
                start_date="2025-04-01", end_date="2026-03-31", value=km.Money.parse("1250000000", "IDR"),
                parties=[(dinkes, km.Role.PUBLIC_AUTHORITY | km.Role.FUNDING), (sehat, km.Role.IMPLEMENTING)],
                dimensions=[km.Dimension.IMPACT, km.Dimension.EFFICIENCY])
            net.propose_agreement(ks)
            net.sign_agreement(ks, dinkes)  # "admin:" actors record signatures made on paper
            net.sign_agreement(ks, sehat)
            ks = net.activate_agreement(ks)

            print("\n== mitra di Jawa Barat (32) / partners in West Java ==")
            for p in net.partners(region="32"):
                print("%2d  %-36s %-24s %s" % (p.id, p.name, p.kind.label("id"), p.region))
            print("(%d of %d partners)" % (net.count_partners(region="32"), net.stats().partners))

            print("\n== perjanjian / agreements ==")
            for a in net.agreements(status=km.AgreementStatus.ACTIVE):
                print("%s  %s  %s  %s" % (a.reference, a.status.label("id"), a.value.format("id"), a.title))

            print("\n== jejak audit / audit trail ==")
            for e in net.audit():
                print("#%d %s %-11s %-9s %-20s %s" % (e.seq, e.time.strftime("%Y-%m-%d %H:%M"), e.actor,
                                                     e.entity.label("id"), e.operation, sorted(e.data)))

            head = net.head_hash
        # Reopen: everything is in the file; verify the whole hash chain.
        with km.Network.open(path, read_only=True) as net:
            report = net.verify()
            print("\nverify: %s, %d entries, head %s..., matches published head: %s"
                  % ("OK" if report else "BROKEN", report.entries, report.head_hash[:16], report.head_hash == head))
    return 0 if report else 1


if __name__ == "__main__":
    sys.exit(main())
