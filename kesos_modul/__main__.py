from kesos_modul.cli import main

main()
