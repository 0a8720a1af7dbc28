"""Generated demo data: synthetic faculty of an academic health centre (no real person's data).

``generate.generate_people`` builds person records from the per-field word lists in
``vocabulary``; ``seeding`` writes them, a demo round and its answers to the database (the
``seed_demo`` management command).
"""
