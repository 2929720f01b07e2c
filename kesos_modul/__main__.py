from kesos_modul.cli import main

if __name__ == "__main__":  # not when a process pool re-imports this module (book.typeset)
    main()
