const firebaseConfig = {
  // ruleid: generic-google-api-key
  apiKey: "AIzaSyDz_TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3",
  // ok: generic-google-api-key
  authDomain: "example.firebaseapp.com",
};
// An example key in a comment does not count: AIzaSyDz_TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3

// ruleid: generic-meta-access-token
const url = `https://graph.facebook.com/v19.0/me?access_token=EAAGu8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy`;
// ruleid: generic-stripe-secret-key
const stripe = require("stripe")("rk_live_487q7J58m1CiAhzCueQpBenQ");
// ok: generic-stripe-secret-key
const stripeFromEnv = require("stripe")(process.env.STRIPE_SECRET_KEY);
// ok: generic-meta-access-token
const wasm = Buffer.from('AGFzbQEAAAABJwdgAX8Bf2ADf39' + 'AX9gAX8AYAJEqV8ib8HDy88YtDtXbiufMdI8X2Y4rUmer/BH3M1XS0DRdJuPnBIKpi99lSi0tcL21pffWQJEeN/jnez0LHtfROUrWW6XnI3EM3HMRb1OcWrhQ7TTJ/chcVG', 'base64');
