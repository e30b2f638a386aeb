package main

import (
	"crypto/md5"
	"database/sql"
	"fmt"
	"math/rand"
	"os/exec"
)

func run(db *sql.DB, name string, user string) {
	// ruleid: go-command-injection
	exec.Command(name).Run()
	// ruleid: go-command-injection
	exec.Command("sh", "-c", "ls "+name).Run()
	// ok: go-command-injection
	exec.Command("ls", "-l", name).Run()
	// ruleid: go-sql-injection
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", user))
	// ok: go-sql-injection
	db.Query("SELECT * FROM users WHERE name = $1", user)
	// ruleid: go-weak-hash
	sum := md5.Sum([]byte(name))
	// ruleid: go-weak-random
	n := rand.Intn(100)
	fmt.Println(sum, n)
	cfg := &tls.Config{
		// ruleid: go-tls-verification-disabled
		InsecureSkipVerify: true,
	}
	_ = cfg
}
